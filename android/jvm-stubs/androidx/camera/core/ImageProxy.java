package androidx.camera.core;

import java.nio.ByteBuffer;

/** Compile-only stub: the members of CameraX's ImageProxy that precheck uses. */
public interface ImageProxy extends AutoCloseable {
    @Override
    void close();

    int getFormat();

    int getWidth();

    int getHeight();

    PlaneProxy[] getPlanes();

    ImageInfo getImageInfo();

    interface PlaneProxy {
        int getRowStride();

        int getPixelStride();

        ByteBuffer getBuffer();
    }
}
