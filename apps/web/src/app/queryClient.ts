/** Server-state cache shared by the whole app. */
import { QueryClient } from "@tanstack/react-query";
import { ApiError } from "../api/client.ts";

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: false,
      // Retrying cannot fix "not allowed", "not found" or bad input; it only delays the message.
      retry: (failures, error) =>
        !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 2,
    },
  },
});
