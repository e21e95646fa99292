package androidx.camera.core;

/** Compile-only stub: the members of CameraX's ImageInfo that precheck uses. */
public interface ImageInfo {
    long getTimestamp();

    int getRotationDegrees();
}
