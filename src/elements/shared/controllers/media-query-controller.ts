import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Tracks a media query (e.g. reduced motion) and re-renders the host when it flips. */
export class MediaQueryController implements ReactiveController {
  private readonly query: MediaQueryList;
  matches: boolean;

  constructor(
    private readonly host: ReactiveControllerHost,
    media: string,
  ) {
    this.query = matchMedia(media);
    this.matches = this.query.matches;
    host.addController(this);
  }

  hostConnected(): void {
    this.query.addEventListener('change', this.onChange);
    this.matches = this.query.matches;
  }

  hostDisconnected(): void {
    this.query.removeEventListener('change', this.onChange);
  }

  private readonly onChange = (event: MediaQueryListEvent) => {
    this.matches = event.matches;
    this.host.requestUpdate();
  };
}

export const REDUCED_MOTION = '(prefers-reduced-motion: reduce)';
