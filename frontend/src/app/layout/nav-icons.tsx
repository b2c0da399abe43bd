const PATHS = {
  search: "M11 4a7 7 0 1 0 4.2 12.6L20 21.4l1.4-1.4-4.8-4.8A7 7 0 0 0 11 4zm0 2a5 5 0 1 1 0 10 5 5 0 0 1 0-10z",
  categories: "M4 4h7v7H4zm9 0h7v7h-7zM4 13h7v7H4zm9 0h7v7h-7z",
  cart: "M3 4h2l2.4 10.2A2 2 0 0 0 9.3 16H18l2-8H7M9 20a1 1 0 1 0 0-.01M17 20a1 1 0 1 0 0-.01",
  orders: "M6 3h12v18l-3-2-3 2-3-2-3 2zm3 5h6M9 12h6",
  account: "M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm-7 8a7 7 0 0 1 14 0",
  products: "M4 7l8-4 8 4v10l-8 4-8-4zm0 0l8 4 8-4M12 11v10",
  stock: "M4 20V10m6 10V4m6 16v-7m4 7H2",
  money: "M3 6h18v12H3zm9 3a3 3 0 1 0 0 6 3 3 0 0 0 0-6zM6 9v.01M18 15v.01",
  verification: "M12 3l7 3v6c0 4.5-3 7.5-7 9-4-1.5-7-4.5-7-9V6zm-3 9l2 2 4-4",
  directory: "M9 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6zm-6 9a6 6 0 0 1 12 0m2-9a3 3 0 1 0 0-6m1 15h3a6 6 0 0 0-4-5.6",
  setup: "M12 9a3 3 0 1 0 0 6 3 3 0 0 0 0-6zm0-6v3m0 12v3M3 12h3m12 0h3M5.6 5.6l2.1 2.1m8.6 8.6 2.1 2.1m0-12.8-2.1 2.1m-8.6 8.6-2.1 2.1",
  audit: "M6 3h9l4 4v14H6zm8 0v5h5M9 13h7M9 17h5",
} as const;

export type NavIconName = keyof typeof PATHS;

export function NavIcon({ name }: { name: NavIconName }) {
  return (
    <svg viewBox="0 0 24 24" className="size-6" fill="none" stroke="currentColor" strokeWidth="1.8" aria-hidden="true">
      <path d={PATHS[name]} strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
