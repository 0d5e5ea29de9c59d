/** What a reactive controller sees of its host: the hooks it is called through. */
interface ControllerHooks {
  hostConnected?(): void;
  hostDisconnected?(): void;
  hostUpdated?(): void;
}

/**
 * A lit host without a DOM, for testing controllers alone: it keeps the controllers that
 * register, and `connect()`/`disconnect()` call their hooks as lit would.
 */
export function fakeHost() {
  return {
    isConnected: true,
    hasUpdated: true,
    controllers: [] as ControllerHooks[],
    addController(controller: ControllerHooks) {
      this.controllers.push(controller);
    },
    removeController() {},
    requestUpdate() {},
    updateComplete: Promise.resolve(true),
    connect() {
      this.isConnected = true;
      this.controllers.forEach((c) => c.hostConnected?.());
    },
    disconnect() {
      this.isConnected = false;
      this.controllers.forEach((c) => c.hostDisconnected?.());
    },
  };
}
