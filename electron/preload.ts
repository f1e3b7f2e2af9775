// Placeholder preload; replaced by the contextBridge implementation.
export {};
