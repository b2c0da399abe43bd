interface SkeletonProps {
  className?: string;
}

/** A grey placeholder in the shape of what is loading; hidden from screen readers. */
export function Skeleton({ className = "h-4 w-full" }: SkeletonProps) {
  return <span aria-hidden="true" className={`block animate-pulse rounded-md bg-stone-200 ${className}`} />;
}
