package dev.precheck.android

import org.junit.jupiter.api.Assumptions.assumeTrue
import java.io.DataInputStream
import java.io.EOFException

/** Frames of a real clip in `../shared/data`, decoded by ffmpeg to raw RGB through a pipe. */
object ClipFrames {
    /** `count` frames of `clip` at `fps` from `fromSeconds`, RGB at `size` × `size`. */
    fun read(clip: String, fps: Int, fromSeconds: Double, count: Int, size: Int = 512): List<RgbPixels> {
        val file = TestData.require(clip)
        val ffmpeg = try {
            ProcessBuilder(
                "ffmpeg", "-loglevel", "error", "-nostdin", "-ss", fromSeconds.toString(), "-i", file.path,
                "-vf", "fps=$fps,scale=$size:$size", "-frames:v", count.toString(),
                "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1",
            ).redirectError(ProcessBuilder.Redirect.INHERIT).start()
        } catch (e: java.io.IOException) {
            check(System.getenv("CI") != "true") { "ffmpeg missing under CI=true" }
            assumeTrue(false, "ffmpeg not installed")
            throw e
        }
        val out = mutableListOf<RgbPixels>()
        DataInputStream(ffmpeg.inputStream.buffered()).use { input ->
            while (true) {
                val rgb = ByteArray(size * size * 3)
                try { input.readFully(rgb) } catch (_: EOFException) { break }
                out += RgbPixels(size, size, rgb)
            }
        }
        check(ffmpeg.waitFor() == 0) { "ffmpeg failed on $file" }
        check(out.isNotEmpty()) { "no frames from $file" }
        return out
    }
}
