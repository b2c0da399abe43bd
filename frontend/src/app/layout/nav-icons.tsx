const PATHS = {
  search: "M11 4a7 7 0 1 0 4.2 12.6L20 21.4l1.4-1.4-4.8-4.8A7 7 0 0 0 11 4zm0 2a5 5 0 1 1 0 10 5 5 0 0 1 0-10z",
  categories: "M4 4h7v7H4zm9 0h7v7h-7zM4 13h7v7H4zm9 0h7v7h-7z",
  cart: "M3 4h2l2.4 10.2A2 2 0 0 0 9.3 16H18l2-8H7M9 20a1 1 0 1 0 0-.01M17 20a1 1 0 1 0 0-.01",
  orders: "M6 3h12v18l-3-2-3 2-3-2-3 2zm3 5h6M9 12h6",
  account: "M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm-7 8a7 7 0 0 1 14 0",
} as const;

export type NavIconName = keyof typeof PATHS;

export function NavIcon({ name }: { name: NavIconName }) {
  return (
    <svg viewBox="0 0 24 24" className="size-6" fill="none" stroke="currentColor" strokeWidth="1.8" aria-hidden="true">
      <path d={PATHS[name]} strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
