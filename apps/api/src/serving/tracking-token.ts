/** Injection token of the TrackingClient (an interface, so it cannot be its own token). */
export const TRACKING_CLIENT = Symbol('TrackingClient');
