import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { ApiError } from "@/lib/api-error";
import { ErrorState } from "./ErrorState";

describe("the error state", () => {
  it("says what went wrong in the API's words, what to do next, and retries", async () => {
    const onRetry = vi.fn();
    render(<ErrorState error={new ApiError(404, "product_not_found", "This product is not on sale.")} onRetry={onRetry} />);

    const alert = screen.getByRole("alert");
    expect(alert).toHaveTextContent("This product is not on sale.");
    expect(alert).toHaveTextContent("It may have been removed. Go back and search again.");
    await userEvent.click(screen.getByRole("button", { name: "Try again" }));
    expect(onRetry).toHaveBeenCalledOnce();
  });

  it("blames the connection, not the server, when the request did not get through", () => {
    render(<ErrorState error={ApiError.network(new TypeError("Failed to fetch"))} />);
    expect(screen.getByRole("alert")).toHaveTextContent(
      "We could not reach Soko Wholesale.Check your mobile data or Wi-Fi, then try again.",
    );
    expect(screen.queryByRole("button")).not.toBeInTheDocument();
  });
});
