package dev.precheck.app.flow

import dev.precheck.FlowOptions
import dev.precheck.PrecheckException
import dev.precheck.RetryStateStore
import dev.precheck.android.ClipFrames
import dev.precheck.android.TestData
import dev.precheck.core.Decision
import dev.precheck.core.DocumentKind
import dev.precheck.core.Language
import dev.precheck.core.SessionState
import kotlin.test.assertFailsWith
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/**
 * The app's attempt driver and selfie screen state against the real library: a real passport
 * specimen, real clip frames as a front camera delivers them, the retry state in the app's
 * store between attempts.
 */
class KycAttemptTest {
    private class MemoryStore : RetryStateStore {
        var json: String? = null
        var saves = 0
        override fun load() = json
        override fun save(stateJson: String) {
            json = stateJson
            saves++
        }
    }

    private val passport = "id_docs/Arg0s1080+mrz/docs/images/passports/Iceland.png"
    private val clip = "videos/OpenTalker+SadTalker/examples/ref_video/WDA_AlexandriaOcasioCortez_000.mp4"

    private fun options(nonce: String) = FlowOptions(
        nonce = nonce,
        language = Language.JA,
        documentKind = DocumentKind.PASSPORT,
        today = "2010-06-01",
        documentSalt = ByteArray(32) { it.toByte() },
    )

    @Test
    fun `an attempt guides the selfie, finishes, and its retry state refuses the attempt after three failures`() {
        val store = MemoryStore()
        var now = 1_700_000_000_000L
        val frames = ClipFrames.read(clip, 10, 0.0, 12)
        val document = TestData.require(passport).readBytes()
        repeat(3) { attempt ->
            val kyc = KycAttempt(TestData.engine, options("app-$attempt"), store, signer = null, clock = { now })
            assertTrue(kyc.submitDocument(document).portraitFound)
            now += 30_000
            assertEquals(4, kyc.startSelfie().size)
            // A short selfie step (the user gives up after 1 s): the screen asks to finish.
            val screen = CaptureFlow(Language.JA, maxSelfieMs = 1_000)
            val states = frames.mapIndexed { i, pixels ->
                val frame = pixels.rgbaFrame(mirrored = true).copy(timestampMs = i * 100L)
                val update = kyc.pushFrame(frame, TestData.directBuffer(pixels.rgba()))
                assertNotEquals(SessionState.COMPLETED, update.state)
                screen.onUpdate(update)
            }
            assertTrue(states.first() is CaptureState.Guiding, "${states.first()}")
            assertEquals(CaptureState.Finishing, states.last())
            now += 30_000
            val done = screen.onResult(kyc.finish()) as CaptureState.Done
            println("attempt $attempt: ${done.result.decision} ${done.result.reasons} -> ${done.result.retryStatus}")
            assertEquals(Decision.FAIL, done.result.decision, "a stranger with no challenge done")
            assertEquals(done.result.retryStateJson, store.json, "the app stored the SDK's retry state")
            assertEquals(attempt + 1, store.saves)
            now += 60_000
        }
        val refused = assertFailsWith<PrecheckException.RetryCooldown> {
            KycAttempt(TestData.engine, options("app-4"), store, signer = null, clock = { now })
        }
        assertEquals(CaptureState.Failed(refused.message!!), CaptureFlow(Language.JA).onError(refused))
    }
}
