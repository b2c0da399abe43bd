interface ProductImageProps {
  urls: string[];
  name: string;
  className?: string;
}

/** The first image, loaded lazily; a lettered tile when the product has none. */
export function ProductImage({ urls, name, className = "size-20" }: ProductImageProps) {
  const [url] = urls;
  if (url) {
    return (
      <img
        src={url}
        alt=""
        loading="lazy"
        decoding="async"
        className={`${className} shrink-0 rounded-lg bg-stone-100 object-cover`}
      />
    );
  }
  return (
    <span
      aria-hidden="true"
      className={`${className} flex shrink-0 items-center justify-center rounded-lg bg-brand-50 text-2xl font-bold text-brand-800`}
    >
      {name.trim().charAt(0).toUpperCase()}
    </span>
  );
}
