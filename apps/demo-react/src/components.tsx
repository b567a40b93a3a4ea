import { createObserver } from "@aos/core";
import { useObserver, useStatus } from "@aos/react";
import { useMemo } from "react";
import { dismissFailure, failedLoad, failNext, lastFailure, setFailNext } from "@aos/demo-kit";

/** The realtime connection and the last error, as the library knows them. */
export function StatusBar({
  manager,
}: {
  manager: Parameters<typeof useStatus>[0] & { readonly name: string };
}) {
  const status = useStatus(manager);
  const failing = useObserver(useMemo(() => createObserver(() => failNext.get()), []));
  const failure = useObserver(
    useMemo(() => createObserver(() => lastFailure(manager.name)), [manager]),
  );
  const error = failure ?? failedLoad(status.error);
  return (
    <div className="status">
      <span data-testid="connection" className={status.isConnected ? "online" : "offline"}>
        {status.isConnected ? "live" : "reconnecting…"}
      </span>
      <span data-testid="sync">
        {status.isLoading
          ? "loading"
          : status.isSyncing
            ? "syncing"
            : `${status.pendingCount} pending`}
      </span>
      <label>
        <input
          type="checkbox"
          data-testid="fail-next"
          checked={failing}
          onChange={(event) => {
            setFailNext(event.target.checked);
          }}
        />
        fail the next request
      </label>
      {error && (
        <p role="alert" data-testid="error">
          {error.message}{" "}
          {failure && (
            <button
              onClick={() => {
                dismissFailure(manager.name);
              }}
            >
              dismiss
            </button>
          )}
        </p>
      )}
    </div>
  );
}
