package dev.precheck.android

import dev.precheck.DocumentData
import dev.precheck.Engine
import dev.precheck.Frame
import dev.precheck.InternalException
import dev.precheck.LogLevel
import dev.precheck.ModelFile
import dev.precheck.PrecheckException
import dev.precheck.SelfieChecker
import dev.precheck.checkIdNumber
import dev.precheck.checkMrz
import dev.precheck.compareTypedData
import dev.precheck.core.DateOrder
import dev.precheck.core.DocumentKind
import dev.precheck.core.Language
import dev.precheck.core.PixelFormat
import dev.precheck.core.Rotation
import dev.precheck.core.TypedData
import dev.precheck.documentDataFromMrz
import dev.precheck.languageFromLocale
import dev.precheck.promptCodeFromId
import dev.precheck.readMrzImage
import dev.precheck.rotationFromDegrees
import dev.precheck.setLogSink
import java.nio.ByteBuffer
import kotlin.test.assertFailsWith
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/**
 * Every export called from the JVM with hostile arguments: empty and huge buffers, wrong strides,
 * zero and huge sizes, extreme timestamps, strings with lone surrogates and NULs, garbage bytes.
 * Each call must return or throw a typed [PrecheckException] other than `Internal` (a panic caught
 * at the boundary) — never uniffi's [InternalException] — and the JVM must survive to the end.
 * Strings with lone surrogates are refused by the generated Kotlin itself (a
 * `CharacterCodingException` while encoding the argument), before Rust is called.
 */
class HostileInputTest {
    private var calls = 0
    private var refused = 0
    private var notEncodable = 0

    /** Runs [call]; a typed refusal is fine, a caught panic or an untyped error fails the test. */
    private fun <T> survive(what: String, call: () -> T): T? {
        calls++
        return try {
            call()
        } catch (e: PrecheckException.Internal) {
            throw AssertionError("$what: panic at the FFI boundary: ${e.message}")
        } catch (e: InternalException) {
            throw AssertionError("$what: untyped error from the SDK: ${e.message}")
        } catch (e: java.nio.charset.CharacterCodingException) {
            // A string that is not valid UTF-16 (a lone surrogate) is refused by the generated
            // Kotlin while it encodes the argument: it never reaches Rust.
            notEncodable++
            null
        } catch (e: PrecheckException) {
            refused++
            assertTrue('\n' !in e.message.orEmpty(), "$what: ${e.message}")
            null
        }
    }

    private val texts = listOf(
        "",
        "\u0000".repeat(64),
        "\uD800",                 // lone high surrogate: not valid UTF-16
        "abc\uDC00def",            // lone low surrogate
        "<".repeat(100_000),
        "\uFFFD\u202E".repeat(500),
        "2026-11-23",
        "9999-99-99",
        "P<UTO",
    )

    private fun frame(w: UInt, h: UInt, format: PixelFormat, strides: List<UInt>, t: Long = 0) = Frame(
        width = w,
        height = h,
        format = format,
        rowStrides = strides,
        rotation = Rotation.entries[(w.toInt() and 3)],
        mirrored = (h.toInt() and 1) == 1,
        timestampMs = t,
    )

    private fun direct(size: Int): ByteBuffer = ByteBuffer.allocateDirect(size)

    @Test
    fun `free functions survive hostile strings`() {
        for (text in texts) {
            for (today in texts) {
                survive("checkMrz") { checkMrz(text, today) }
                survive("documentDataFromMrz") { documentDataFromMrz(text, today) }
                survive("checkIdNumber") { checkIdNumber(text, text, today) }
                survive("checkIdNumber CN") { checkIdNumber("CN", text, today) }
                survive("compareTypedData") {
                    compareTypedData(
                        TypedData(
                            surname = text, givenNames = today, birthDate = text,
                            birthDateOrder = DateOrder.MDY, documentNumber = text,
                            nationality = today, cnIdNumber = text,
                        ),
                        DocumentData(
                            surname = today, givenNames = null, birthDate = text,
                            documentNumber = today, nationality = text, cnIdNumber = today,
                            mrzNameFull = true,
                        ),
                        today,
                        Language.KO,
                    )
                }
            }
            survive("promptCodeFromId") { promptCodeFromId(text) }
            survive("languageFromLocale") { languageFromLocale(text) }
        }
        for (bytes in listOf(ByteArray(0), byteArrayOf(-1, -40, -1), "%PDF-1.7".toByteArray(), ByteArray(1 shl 20))) {
            survive("readMrzImage") { readMrzImage(bytes, "2026-11-23") }
        }
        for (degrees in listOf(Int.MIN_VALUE, -90, 45, 450, Int.MAX_VALUE)) {
            survive("rotationFromDegrees") { rotationFromDegrees(degrees) }
        }
        survive("setLogSink") { setLogSink(null, LogLevel.TRACE) }
        survive("setLogSink") { setLogSink(null, LogLevel.INFO) }
        assertTrue(refused in 1 until calls, "refused $refused of $calls")
        println("hostile free-function calls: $calls, typed refusals: $refused, not encodable (lone surrogates): $notEncodable")
        assertTrue(notEncodable > 0)
    }

    @Test
    fun `engine constructors survive hostile arguments`() {
        for (dir in texts) {
            assertTrue(survive("Engine(dir)") { Engine(dir) } == null, "an engine from \"$dir\"")
        }
        val files = listOf(
            emptyList(),
            listOf(ModelFile("", ByteArray(0), null)),
            listOf(ModelFile("face_detection_short_range.onnx", ByteArray(1024), "zz".repeat(40))),
            listOf(ModelFile("\uD800", ByteArray(8), "")),
        )
        for (f in files) {
            assertTrue(survive("Engine.fromModelFiles") { Engine.fromModelFiles(f) } == null)
        }
    }

    @Test
    fun `engine methods survive hostile frames, buffers and bytes`() {
        val engine = TestData.engine
        val checker = SelfieChecker(engine, Language.ES)
        val sizes = listOf(0u to 0u, 0u to 480u, 1u to 1u, 3u to 1u, UInt.MAX_VALUE to UInt.MAX_VALUE, 16_385u to 2u, 65_536u to 65_536u)
        val strides = listOf(emptyList(), listOf(1u), listOf(UInt.MAX_VALUE, UInt.MAX_VALUE, UInt.MAX_VALUE), List(8) { 4u })
        var frames = 0
        for (format in PixelFormat.entries) {
            for ((w, h) in sizes) {
                for (s in strides) {
                    for (len in listOf(0, 7, 4096)) {
                        val f = frame(w, h, format, s)
                        survive("analyzeFrame") { engine.analyzeFrame(f, direct(len)) }
                        survive("checkDocumentFrame") { engine.checkDocumentFrame(f, direct(len), DocumentKind.PASSPORT) }
                        survive("SelfieChecker.pushFrame") { checker.pushFrame(f, direct(len)) }
                        frames++
                    }
                }
            }
        }
        // Extreme and out-of-order timestamps on a valid grey frame.
        for (t in listOf(Long.MAX_VALUE, Long.MIN_VALUE, 0L, -1L, Long.MAX_VALUE)) {
            survive("SelfieChecker.pushFrame t=$t") { checker.pushFrame(frame(64u, 48u, PixelFormat.GRAY8, emptyList(), t), direct(64 * 48)) }
        }
        survive("SelfieChecker.reset") { checker.reset() }
        val hugePng = byteArrayOf(-119, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82) +
            ByteBuffer.allocate(8).putInt(30_000).putInt(30_000).array() + byteArrayOf(8, 2, 0, 0, 0, 0, 0, 0, 0)
        val encoded = listOf(ByteArray(0), ByteArray(1 shl 20), byteArrayOf(-1, -40, -1), hugePng, "GIF89a".toByteArray())
        for (bytes in encoded) {
            survive("analyzeEncodedImage") { engine.analyzeEncodedImage(bytes) }
            survive("checkDocument") { engine.checkDocument(bytes, DocumentKind.UNKNOWN) }
            survive("compareFaces") { engine.compareFaces(bytes, bytes) }
            survive("checkSelfiePhoto") { engine.checkSelfiePhoto(bytes, Language.ZH_HANT) }
        }
        assertFailsWith<PrecheckException.ImageTooLarge> { engine.analyzeEncodedImage(hugePng) }
        // Over the frame buffer limit (256 MiB): refused before anything is allocated for it.
        assertFailsWith<PrecheckException.LimitExceeded> {
            engine.analyzeFrame(frame(4096u, 4096u, PixelFormat.RGBA8, emptyList()), direct(300 shl 20))
        }
        survive("loadedModels") { engine.loadedModels() }
        println("hostile engine calls: $calls over $frames frame shapes, typed refusals: $refused; the JVM is still here")
        assertTrue(refused > frames, "refused $refused")
    }
}
