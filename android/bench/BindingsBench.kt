package dev.precheck.bench

import dev.precheck.Engine
import dev.precheck.Frame
import dev.precheck.PrecheckException
import dev.precheck.SelfieOptions
import dev.precheck.Session
import dev.precheck.android.YuvFramePacker
import dev.precheck.android.YuvPlane
import dev.precheck.core.Language
import dev.precheck.core.PixelFormat
import dev.precheck.core.Rotation
import java.awt.RenderingHints
import java.awt.image.BufferedImage
import java.io.File
import java.nio.ByteBuffer
import javax.imageio.ImageIO
import kotlin.math.roundToInt

/**
 * Kotlin-side cost of the bindings on a 640×480 NV21 frame made from a real photo (single
 * thread). `scripts/bench-bindings` runs it against the release library and compares with the
 * core called directly from Rust (`bindings/examples/core_direct.rs`) on the same frame bytes.
 *
 * args: MODELS PHOTO OUT_FRAME ITERATIONS; prints `name median_ms p95_ms min_ms` rows.
 */
fun main(args: Array<String>) {
    val (models, photo, out, iterationsArg) = args
    val iterations = iterationsArg.toInt()
    val (w, h) = 640 to 480
    val nv21 = nv21Of(ImageIO.read(File(photo)), w, h)
    File(out).writeBytes(nv21)
    val engine = Engine(models)
    val frame = Frame(w.toUInt(), h.toUInt(), PixelFormat.NV21, emptyList(), Rotation.DEG0, false, 0)
    val direct = ByteBuffer.allocateDirect(nv21.size).put(nv21).also { it.flip() }
    val faces = engine.analyzeFrame(frame, direct).faces.size

    row("kotlin_analyze_frame", iterations) { engine.analyzeFrame(frame, direct) }

    // The selfie session: the same frame at 30 fps, a fresh session every 30 frames (same
    // schedule as core_direct), so the tracker, passive and identity schedules run as live.
    var session: Session = engine.startSelfie(SelfieOptions("bench", null, Language.EN))
    var pushed = 0
    rowWithSetup("kotlin_session_push_frame", iterations, setup = {
        if (pushed % SESSION_FRAMES == 0) session = engine.startSelfie(SelfieOptions("bench", null, Language.EN))
    }) {
        session.pushFrame(frame.copy(timestampMs = (pushed % SESSION_FRAMES) * 33L), direct)
        pushed++
    }

    // The FFI round trip alone: a frame refused by the first validation step (no conversion,
    // no inference) still lowers the record and the buffer, crosses, and lifts a typed error.
    val short = ByteBuffer.allocateDirect(16)
    row("kotlin_rejected_frame_round_trip", iterations * 20) {
        try { engine.analyzeFrame(frame, short) } catch (_: PrecheckException.InvalidFrame) { }
    }

    // App-side packing of camera planes (NV21-style memory, padded rows) into the direct buffer.
    val stride = w + 64
    val memory = ByteBuffer.allocateDirect(stride * h + stride * h / 2)
    for (row in 0 until h) for (col in 0 until w) memory.put(row * stride + col, nv21[row * w + col])
    for (row in 0 until h / 2) for (col in 0 until w) memory.put(stride * h + row * stride + col, nv21[w * h + row * w + col])
    fun plane(start: Int, len: Int, pixelStride: Int) =
        YuvPlane(memory.duplicate().also { it.position(start); it.limit(start + len) }.slice(), stride, pixelStride)
    val y = plane(0, stride * (h - 1) + w, 1)
    val v = plane(stride * h, stride * (h / 2 - 1) + w - 1, 2)
    val u = plane(stride * h + 1, stride * (h / 2 - 1) + w - 1, 2)
    val packer = YuvFramePacker()
    row("kotlin_yuv_pack", iterations * 20) { packer.pack(w, h, y, u, v, 270, true, 0) }
    println("faces=$faces")
}

/** Frames per benchmark session (one second at 30 fps). */
private const val SESSION_FRAMES = 30

private fun row(name: String, iterations: Int, call: () -> Unit) = rowWithSetup(name, iterations, {}, call)

/** Times `call` only; `setup` runs before each call, untimed. */
private fun rowWithSetup(name: String, iterations: Int, setup: () -> Unit, call: () -> Unit) {
    repeat(maxOf(5, iterations / 10)) { setup(); call() }
    val times = DoubleArray(iterations) {
        setup()
        val start = System.nanoTime()
        call()
        (System.nanoTime() - start) / 1e6
    }
    times.sort()
    println("%s %.4f %.4f %.4f".format(name, times[times.size / 2], times[minOf(times.size - 1, times.size * 95 / 100)], times[0]))
}

/** The photo scaled to cover `w` × `h` (centre crop), as full-range BT.601 NV21. */
private fun nv21Of(photo: BufferedImage, w: Int, h: Int): ByteArray {
    val scale = maxOf(w.toDouble() / photo.width, h.toDouble() / photo.height)
    val image = BufferedImage(w, h, BufferedImage.TYPE_INT_RGB)
    image.createGraphics().apply {
        setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR)
        val sw = (photo.width * scale).roundToInt()
        val sh = (photo.height * scale).roundToInt()
        drawImage(photo, (w - sw) / 2, (h - sh) / 2, sw, sh, null)
        dispose()
    }
    val out = ByteArray(w * h * 3 / 2)
    fun rgb(x: Int, y: Int) = image.getRGB(x, y).let { Triple((it shr 16) and 255, (it shr 8) and 255, it and 255) }
    for (y in 0 until h) for (x in 0 until w) {
        val (r, g, b) = rgb(x, y)
        out[y * w + x] = (0.299 * r + 0.587 * g + 0.114 * b).roundToInt().coerceIn(0, 255).toByte()
    }
    for (cy in 0 until h / 2) for (cx in 0 until w / 2) {
        val (r, g, b) = rgb(2 * cx, 2 * cy)
        val at = w * h + cy * w + 2 * cx
        out[at] = (128 + 0.5 * r - 0.418688 * g - 0.081312 * b).roundToInt().coerceIn(0, 255).toByte()
        out[at + 1] = (128 - 0.168736 * r - 0.331264 * g + 0.5 * b).roundToInt().coerceIn(0, 255).toByte()
    }
    return out
}
