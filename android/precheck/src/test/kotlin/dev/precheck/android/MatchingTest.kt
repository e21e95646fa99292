package dev.precheck.android

import dev.precheck.PrecheckException
import dev.precheck.core.MatchDecision
import java.nio.ByteBuffer
import kotlin.test.assertFailsWith
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** Face matching through the generated Kotlin on labelled photos of `faces_pairs`. */
class MatchingTest {
    private val dataset = "faces_pairs/serengil+deepface/tests/unit/dataset"

    /** The identity `faces_pairs/IDENTITIES.csv` gives each photo. */
    private fun identity(photo: String): String {
        val rows = TestData.require("faces_pairs/IDENTITIES.csv").readLines()
        val row = rows.firstOrNull { it.startsWith("serengil+deepface/tests/unit/dataset/$photo,") }
        return requireNotNull(row) { "$photo not labelled" }.split(',')[1]
    }

    private fun bytes(photo: String) = TestData.require("$dataset/$photo").readBytes()

    @Test
    fun `two photos of one person match and photos of two people do not`() {
        assertEquals(identity("img1.jpg"), identity("img2.jpg"))
        assertTrue(identity("img1.jpg") != identity("img3.jpg"))
        val same = TestData.engine.compareFaces(bytes("img1.jpg"), bytes("img2.jpg"))
        val different = TestData.engine.compareFaces(bytes("img1.jpg"), bytes("img3.jpg"))
        println("img1/img2 (same person): $same; img1/img3 (two people): $different")
        assertEquals(MatchDecision.MATCH, same.decision)
        assertEquals(MatchDecision.NO_MATCH, different.decision)
        assertTrue(same.similarity > different.similarity)
        assertTrue(same.similarity in -1f..1f && different.similarity in -1f..1f)
    }

    @Test
    fun `an image without a face is a typed FaceNotFound error`() {
        val faceFree = TestData.require("faces_pairs/exadel-inc+CompreFace/embedding-calculator/sample_images/017_0.jpg")
        val error = assertFailsWith<PrecheckException.FaceNotFound> {
            TestData.engine.compareFaces(faceFree.readBytes(), bytes("img1.jpg"))
        }
        println("FaceNotFound: ${error.message}")
    }

    @Test
    fun `a header announcing a huge image is a typed ImageTooLarge error`() {
        // A PNG signature and IHDR chunk for 100 000 × 100 000 pixels, nothing else.
        val header = ByteBuffer.allocate(33)
            .put(byteArrayOf(0x89.toByte(), 'P'.code.toByte(), 'N'.code.toByte(), 'G'.code.toByte(), 13, 10, 26, 10))
            .putInt(13).put("IHDR".toByteArray()).putInt(100_000).putInt(100_000)
            .put(byteArrayOf(8, 2, 0, 0, 0)).putInt(0)
            .array()
        val error = assertFailsWith<PrecheckException.ImageTooLarge> { TestData.engine.compareFaces(header, bytes("img1.jpg")) }
        println("ImageTooLarge: ${error.message}")
    }
}
