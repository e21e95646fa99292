package dev.precheck.android

import androidx.camera.core.ImageProxy

/**
 * CameraX `ImageAnalysis` (YUV_420_888) → a frame for the core. The plane packing itself is
 * [YuvFramePacker] (plain Kotlin, tested on the JVM); this file only reads the `ImageProxy`.
 *
 * @param mirrored `true` for the front camera, so coordinates match the (mirrored) preview.
 */
fun YuvFramePacker.pack(image: ImageProxy, mirrored: Boolean): PackedFrame {
    val planes = image.planes
    require(planes.size == 3) { "expected YUV_420_888 with 3 planes, got ${planes.size}" }
    fun plane(i: Int) = YuvPlane(planes[i].buffer, planes[i].rowStride, planes[i].pixelStride)
    return pack(
        width = image.width,
        height = image.height,
        y = plane(0),
        u = plane(1),
        v = plane(2),
        rotationDegrees = image.imageInfo.rotationDegrees,
        mirrored = mirrored,
        timestampMs = image.imageInfo.timestamp / 1_000_000,
    )
}
