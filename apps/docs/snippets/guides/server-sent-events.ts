import type { RealtimeTransport } from "@aos/core";

// #region transport
/**
 * Server-Sent Events as a realtime transport: one event stream, events named by store. The
 * stream is yours: `source.close()` ends it.
 */
export function serverSentEvents(source: EventSource): RealtimeTransport {
  return {
    get isConnected() {
      return source.readyState === source.OPEN;
    },
    subscribe: (eventType, listener) => {
      // The store validates the payload: a malformed one is dropped, never thrown.
      const onMessage = (event: MessageEvent<string>) => {
        try {
          listener(JSON.parse(event.data));
        } catch {
          listener(event.data);
        }
      };
      source.addEventListener(eventType, onMessage);
      return () => {
        source.removeEventListener(eventType, onMessage);
      };
    },
    onStatus: (listener) => {
      let opened = false;
      const onOpen = () => {
        listener(opened ? "reconnected" : "connected"); // "reconnected" makes the store resync
        opened = true;
      };
      const onError = () => {
        listener("disconnected");
      };
      source.addEventListener("open", onOpen);
      source.addEventListener("error", onError);
      return () => {
        source.removeEventListener("open", onOpen);
        source.removeEventListener("error", onError);
      };
    },
  };
}
// #endregion transport
