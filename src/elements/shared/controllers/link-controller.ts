import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Hyperparameters that elements in one link group share. */
export interface LinkedValues {
  learningRate?: number;
  optimizer?: string;
  decay?: number;
}

interface LinkMember {
  applyLinked(values: LinkedValues): void;
}

const groups = new Map<string, Set<LinkMember>>();

/**
 * Elements with the same `link` attribute value share hyperparameters with no page
 * script. A user change in one is pushed to the others as plain property sets, which
 * fire no events, so linked elements can never ping-pong.
 */
export class LinkController implements ReactiveController {
  private group?: string;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement & LinkMember & { link?: string | null }) {
    host.addController(this);
  }

  hostConnected(): void {
    this.join();
  }

  hostUpdated(): void {
    if ((this.host.link || undefined) !== this.group) this.join();
  }

  hostDisconnected(): void {
    this.leave();
  }

  /** Sends a user's change to every other member of the group. */
  broadcast(values: LinkedValues): void {
    if (!this.group) return;
    for (const member of groups.get(this.group) ?? []) {
      if (member !== this.host) member.applyLinked(values);
    }
  }

  private join(): void {
    this.leave();
    this.group = this.host.link || undefined;
    if (!this.group) return;
    if (!groups.has(this.group)) groups.set(this.group, new Set());
    groups.get(this.group)!.add(this.host);
  }

  private leave(): void {
    if (!this.group) return;
    const members = groups.get(this.group);
    members?.delete(this.host);
    if (members && members.size === 0) groups.delete(this.group);
    this.group = undefined;
  }
}
