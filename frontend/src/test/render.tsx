import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import type { ReactElement } from "react";
import { RouterProvider, createMemoryRouter } from "react-router";

interface RenderOptions {
  /** The route's path pattern, e.g. "/products/:productId". */
  path?: string;
  /** Where the router starts, e.g. "/products/p-1". */
  at?: string;
}

/** `ui` at a route of a memory router, with a query client of its own that never retries. */
export function renderWithProviders(ui: ReactElement, { path = "/", at = path }: RenderOptions = {}) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const router = createMemoryRouter(
    [
      { path, element: ui },
      { path: "*", element: <p>elsewhere</p> },
    ],
    { initialEntries: [at] },
  );
  const view = render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return { ...view, router, queryClient };
}
