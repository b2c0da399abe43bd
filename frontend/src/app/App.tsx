import { QueryClientProvider } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { RouterProvider } from "react-router";
import { queryClient } from "@/lib/query-client";
import { createRouter } from "./router";
import { followSessionEnds } from "./session-navigation";

export function App() {
  const [router] = useState(createRouter);
  useEffect(() => followSessionEnds(router, queryClient), [router]);
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
