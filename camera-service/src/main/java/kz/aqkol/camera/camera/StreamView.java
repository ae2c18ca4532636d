package kz.aqkol.camera.camera;

/** Where a camera's live stream is: each reading of it is in the audit chain. */
public record StreamView(String camera, String streamUrl) {
}
