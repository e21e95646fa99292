package dev.precheck.android

import dev.precheck.Flow
import dev.precheck.FlowOptions
import dev.precheck.FlowResult
import dev.precheck.PrecheckException
import dev.precheck.RetryStateStore
import dev.precheck.SelfieOptions
import dev.precheck.Signer
import dev.precheck.SignerException
import dev.precheck.core.ChallengeKind
import dev.precheck.core.ConsistencyField
import dev.precheck.core.Decision
import dev.precheck.core.DocumentKind
import dev.precheck.core.Language
import dev.precheck.core.MatchDecision
import dev.precheck.core.PromptCode
import dev.precheck.core.RetryStatus
import dev.precheck.core.SessionState
import dev.precheck.core.SessionUpdate
import dev.precheck.core.TypedData
import dev.precheck.core.Verdict
import dev.precheck.promptMessage
import dev.precheck.retryStatus
import dev.precheck.verifyBundle
import java.nio.ByteBuffer
import java.security.KeyPair
import java.security.KeyPairGenerator
import kotlin.test.assertFailsWith
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/**
 * The selfie session and the whole KYC flow through the generated Kotlin, on real material:
 * real clips (decoded by ffmpeg), a real passport specimen, a host signing key from the JDK.
 */
class SessionFlowTest {
    /** Iceland passport specimen (expired 2011: judged on a 2010 calendar). */
    private val passport = "id_docs/Arg0s1080+mrz/docs/images/passports/Iceland.png"
    /** A real person who is not the passport's holder. */
    private val strangerClip = "videos/OpenTalker+SadTalker/examples/ref_video/WDA_AlexandriaOcasioCortez_000.mp4"
    /** A driving clip with a wide mouth opening at ~10 s. */
    private val openMouthClip = "videos/KwaiVGI+LivePortrait/assets/examples/driving/d3.mp4"
    private val salt = "precheck-test-deployment-salt".toByteArray()
    private val t0 = 1_700_000_000_000L

    /** A host key as an app holds it: the JDK's Ed25519 (JDK 15+), raw bytes across the FFI. */
    class JdkEd25519Signer : Signer {
        private val pair: KeyPair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair()

        /** The raw key is the last 32 bytes of the X.509 SubjectPublicKeyInfo encoding. */
        override fun publicKey(): ByteArray = pair.public.encoded.copyOfRange(pair.public.encoded.size - 32, pair.public.encoded.size)

        override fun sign(message: ByteArray): ByteArray =
            java.security.Signature.getInstance("Ed25519").run {
                initSign(pair.private)
                update(message)
                sign()
            }
    }

    private fun clip(clip: String, fps: Int, fromSeconds: Double, count: Int) = ClipFrames.read(clip, fps, fromSeconds, count)

    /** Front-camera frames: RGBA in a direct buffer, mirrored, on the camera clock. */
    private class CameraFeed(private val frames: List<RgbPixels>, private val fps: Int) {
        fun push(to: (dev.precheck.Frame, ByteBuffer) -> SessionUpdate): List<SessionUpdate> =
            frames.mapIndexed { i, pixels ->
                val frame = pixels.rgbaFrame(mirrored = true).copy(timestampMs = i * 1000L / fps)
                to(frame, TestData.directBuffer(pixels.rgba()))
            }
    }

    private fun typed(surname: String?, givenNames: String? = null, birthDate: String? = null) =
        TypedData(surname, givenNames, birthDate, null, null, null, null)

    private fun flowOptions(nonce: String, challenges: List<ChallengeKind>? = null) = FlowOptions(
        nonce = nonce,
        language = Language.EN,
        documentKind = DocumentKind.PASSPORT,
        today = "2010-06-01",
        documentSalt = salt,
        challenges = challenges,
    )

    /** Document at `t0`, selfie a minute later, `frames` pushed, finished a minute after that. */
    private fun runFlow(flow: Flow, frames: List<RgbPixels>, signer: Signer?): FlowResult {
        val document = flow.submitDocument(TestData.require(passport).readBytes(), t0)
        assertTrue(document.portraitFound, "the specimen's portrait is found")
        flow.startSelfie(t0 + 60_000)
        CameraFeed(frames, 10).push(flow::pushFrame)
        return flow.finish(t0 + 120_000, signer)
    }

    @Test
    fun `a selfie session over a real clip asks for and passes the open-mouth challenge`() {
        // From 7 s: the prompt comes once the face is ready and neutral; the opening is at ~10 s.
        val frames = clip(openMouthClip, 15, 7.0, 80)
        val session = TestData.engine.startSelfie(SelfieOptions("kotlin-session", listOf(ChallengeKind.OPEN_MOUTH), Language.ES))
        assertEquals(listOf(ChallengeKind.OPEN_MOUTH), session.order())
        val updates = CameraFeed(frames, 15).push(session::pushFrame)
        val prompted = updates.firstOrNull { it.prompt?.code == PromptCode.OPEN_MOUTH }
        println("session: ${updates.size} frames, states ${updates.map { it.state }.distinct()}, OPEN_MOUTH prompted at ${prompted?.tMs} ms, " +
            "mouth max ${updates.mapNotNull { it.sample?.mouth }.maxOrNull()}")
        assertNotNull(prompted, "the challenge is prompted")
        assertEquals(promptMessage(PromptCode.OPEN_MOUTH, Language.ES), prompted!!.prompt!!.message, "message in Spanish")
        assertTrue(updates.any { it.state == SessionState.CHALLENGE && it.challenge == ChallengeKind.OPEN_MOUTH })
        assertTrue(updates.all { it.challengeCount == 1u && it.progress in 0f..1f })
        // Until the challenge is done (later frames are not analysed any more).
        val running = updates.takeWhile { it.state != SessionState.COMPLETED }
        assertTrue(running.count { it.faceFound } >= running.size * 9 / 10, "a face on most frames")
        running.filter { it.faceFound }.forEach { assertNotNull(it.sample) }
        assertEquals(SessionState.COMPLETED, updates.last().state)
        assertTrue(updates.last().progress > updates.first().progress)

        val result = session.finish()
        println("session result: ${result.decision} ${result.reasons} ${result.challenges} passive ${result.passive} depth ${result.depth}")
        assertEquals("kotlin-session", result.nonce)
        assertEquals(listOf(ChallengeKind.OPEN_MOUTH), result.order)
        assertTrue(result.challenges.single().passed, "${result.challenges}")
        assertEquals(frames.size.toULong(), result.frames)
        assertEquals(0L, result.firstMs)
        // A finished session refuses frames with a typed error.
        val pixels = frames[0]
        assertFailsWith<PrecheckException.InvalidInput> {
            session.pushFrame(pixels.rgbaFrame().copy(timestampMs = 1_000_000), TestData.directBuffer(pixels.rgba()))
        }
    }

    @Test
    fun `a frame out of order is an InvalidFrame error and changes nothing`() {
        val frames = clip(strangerClip, 10, 0.0, 3)
        val session = TestData.engine.startSelfie(SelfieOptions("order", null, Language.EN))
        assertEquals(4, session.order().size, "the four default challenges")
        val first = session.pushFrame(frames[0].rgbaFrame().copy(timestampMs = 100), TestData.directBuffer(frames[0].rgba()))
        assertTrue(first.faceFound)
        assertFailsWith<PrecheckException.InvalidFrame> {
            session.pushFrame(frames[1].rgbaFrame().copy(timestampMs = 100), TestData.directBuffer(frames[1].rgba()))
        }
        session.pushFrame(frames[2].rgbaFrame().copy(timestampMs = 200), TestData.directBuffer(frames[2].rgba()))
        val result = session.finish()
        assertEquals(2uL, result.frames)
        assertEquals(Decision.FAIL, result.decision, "challenges not done")
    }

    @Test
    fun `a strangers passport does not pass, its signed bundle verifies and a changed one is refused`() {
        val signer = JdkEd25519Signer()
        val flow = TestData.engine.startFlow(flowOptions("kotlin-flow-nonce"), null, t0)
        val document = flow.submitDocument(TestData.require(passport).readBytes(), t0)
        val mrz = requireNotNull(document.mrz) { "the specimen's MRZ is read" }
        assertTrue(mrz.valid)
        // Typed data as the user entered it: the MRZ's own name, a wrong birth date.
        val consistency = requireNotNull(flow.submitTyped(typed(mrz.fields.surname, mrz.fields.givenNames, "1999-01-01")))
        println("consistency: ${consistency.fields.map { "${it.field}=${it.verdict}" }}")
        assertFalse(consistency.consistent)
        assertEquals(Verdict.MISMATCH, consistency.fields.single { it.field == ConsistencyField.BIRTH_DATE }.verdict)
        assertNotEquals(Verdict.MISMATCH, consistency.fields.single { it.field == ConsistencyField.NAME }.verdict)
        val order = flow.startSelfie(t0 + 60_000)
        assertEquals(4, order.size)
        CameraFeed(clip(strangerClip, 10, 0.0, 40), 10).push(flow::pushFrame)
        val result = flow.finish(t0 + 120_000, signer)
        println("stranger flow: ${result.decision} ${result.reasons} match ${result.faceMatch.similarity} ${result.faceMatch.decision} " +
            "retry ${result.retryStatus} bundle ${result.bundleJson.length} chars")

        assertNotEquals(Decision.PASS, result.decision)
        assertEquals(MatchDecision.NO_MATCH, result.faceMatch.decision, "${result.faceMatch}")
        assertTrue("face_match:no_match" in result.reasons)
        assertTrue("data:birth_date_mismatch" in result.reasons, "${result.reasons}")
        assertTrue(result.faceMatch.frames.isNotEmpty())
        assertEquals(order, result.liveness.order)
        assertEquals(40uL, result.liveness.frames)
        assertEquals(RetryStatus.Allowed(2u), result.retryStatus, "one failure counted")
        assertEquals(RetryStatus.Allowed(2u), retryStatus(result.retryStateJson, nowMs = t0 + 120_000))

        val key = signer.publicKey()
        val ok = verifyBundle(result.bundleJson, "kotlin-flow-nonce", listOf(key), true)
        assertTrue(ok.intact, "${ok.field}: ${ok.reason}")
        assertTrue(ok.signed)
        assertEquals(key.joinToString("") { "%02x".format(it) }, ok.publicKey)
        assertEquals(result.bundleDigest, ok.digest)

        // The decision rewritten to "pass": caught, and the field named.
        val passed = Regex("\"decision\": \"[a-z]+\"").replaceFirst(result.bundleJson, "\"decision\": \"pass\"")
        assertNotEquals(result.bundleJson, passed)
        val forged = verifyBundle(passed, "kotlin-flow-nonce", listOf(key), true)
        println("forged decision: ${forged.field}: ${forged.reason}")
        assertFalse(forged.intact)
        assertNotNull(forged.field)
        // One hex digit of a frame-chain link changed.
        val link = Regex("\"link\": \"([0-9a-f])").find(result.bundleJson)!!
        val digit = link.groups[1]!!
        val flipped = result.bundleJson.replaceRange(digit.range, if (digit.value == "0") "1" else "0")
        val broken = verifyBundle(flipped, "kotlin-flow-nonce", listOf(key), true)
        println("changed chain link: ${broken.field}: ${broken.reason}")
        assertFalse(broken.intact)
        assertTrue(broken.field!!.startsWith("frame_chain"), "${broken.field}")
        // Another attempt's nonce, or a key the server does not trust.
        assertFalse(verifyBundle(result.bundleJson, "another-nonce", emptyList(), false).intact)
        assertFalse(verifyBundle(result.bundleJson, null, listOf(JdkEd25519Signer().publicKey()), true).intact)
        assertFailsWith<PrecheckException.InvalidArgument> { verifyBundle(result.bundleJson, null, listOf(ByteArray(31)), false) }
        // A finished flow refuses more steps.
        assertFailsWith<PrecheckException.FlowOrder> { flow.finish(t0 + 130_000, null) }
    }

    @Test
    fun `three failed attempts cool down, the stored retry JSON makes the next start a RetryCooldown`() {
        val frames = clip(strangerClip, 10, 0.0, 3)
        var stored: String? = null
        for (attempt in 0 until 3) {
            val flow = TestData.engine.startFlow(flowOptions("attempt-$attempt"), stored, t0 + attempt * 5 * 60_000L)
            val result = flow.submitDocument(TestData.require(passport).readBytes(), t0 + attempt * 5 * 60_000L).let {
                flow.startSelfie(t0 + attempt * 5 * 60_000L + 1_000)
                CameraFeed(frames, 10).push(flow::pushFrame)
                flow.finish(t0 + attempt * 5 * 60_000L + 2_000) // unsigned
            }
            assertEquals(Decision.FAIL, result.decision, "attempt $attempt: ${result.reasons}")
            stored = result.retryStateJson
            println("attempt $attempt: ${result.retryStatus} $stored")
        }
        val now = t0 + 11 * 60_000L
        val status = retryStatus(stored, null, now)
        assertTrue(status is RetryStatus.Cooldown && status.remainingMs > 25 * 60_000L, "$status")
        val refused = assertFailsWith<PrecheckException.RetryCooldown> { TestData.engine.startFlow(flowOptions("attempt-4"), stored, now) }
        println("4th attempt: ${refused.message}")
        // After the cooldown a new attempt may start.
        TestData.engine.startFlow(flowOptions("after"), stored, now + 31 * 60_000L)
        // An escalated state refuses for good; malformed JSON is a typed error.
        val escalated = """{"failures_ms":[],"cooldowns_ms":[],"cooldown_until_ms":null,"escalated":true}"""
        assertFailsWith<PrecheckException.RetryEscalated> { TestData.engine.startFlow(flowOptions("x"), escalated, now) }
        assertFailsWith<PrecheckException.InvalidInput> { TestData.engine.startFlow(flowOptions("x"), "{broken", now) }
    }

    @Test
    fun `a host RetryStateStore is read at the start and written at the finish`() {
        val frames = clip(strangerClip, 10, 0.0, 3)
        // The host's persistence (SharedPreferences in the app), here in memory, counting calls.
        val store = object : RetryStateStore {
            var json: String? = null
            var saves = 0
            override fun load(): String? = json
            override fun save(stateJson: String) {
                json = stateJson
                saves++
            }
        }
        for (attempt in 0 until 3) {
            val at = t0 + attempt * 5 * 60_000L
            val flow = TestData.engine.startFlowWithStore(flowOptions("store-$attempt"), store, at)
            flow.submitDocument(TestData.require(passport).readBytes(), at)
            flow.startSelfie(at + 1_000)
            CameraFeed(frames, 10).push(flow::pushFrame)
            val result = flow.finish(at + 2_000)
            assertEquals(Decision.FAIL, result.decision)
            assertEquals(result.retryStateJson, store.json, "finish saved the new state")
        }
        assertEquals(3, store.saves)
        // The store now holds a cooldown: the next start reads it and refuses.
        assertFailsWith<PrecheckException.RetryCooldown> {
            TestData.engine.startFlowWithStore(flowOptions("store-4"), store, t0 + 11 * 60_000L)
        }
    }

    @Test
    fun `steps out of order, a late selfie and bad options are typed errors`() {
        val engine = TestData.engine
        val flow = engine.startFlow(flowOptions("order"), null, t0)
        assertFailsWith<PrecheckException.FlowOrder> { flow.startSelfie(t0) }
        assertFailsWith<PrecheckException.FlowOrder> { flow.submitTyped(typed(surname = "X")) }
        assertFailsWith<PrecheckException.FlowOrder> { flow.finish(t0, null) }
        val pixels = clip(strangerClip, 10, 0.0, 1)[0]
        assertFailsWith<PrecheckException.FlowOrder> { flow.pushFrame(pixels.rgbaFrame(), TestData.directBuffer(pixels.rgba())) }
        flow.submitDocument(TestData.require(passport).readBytes(), t0)
        val late = assertFailsWith<PrecheckException.SelfieTooLate> { flow.startSelfie(t0 + 16 * 60_000L) }
        println("16 minutes later: ${late.message}")
        assertFailsWith<PrecheckException.InvalidInput> { engine.startFlow(flowOptions("x").copy(documentSalt = "short".toByteArray()), null, t0) }
        assertFailsWith<PrecheckException.InvalidArgument> { engine.startFlow(flowOptions("x").copy(today = "2010-13-01"), null, t0) }
    }

    @Test
    fun `a failing host signer is a SignerFailed error`() {
        val frames = clip(strangerClip, 10, 0.0, 3)
        val flow = TestData.engine.startFlow(flowOptions("signer"), null, t0)
        val locked = object : Signer {
            override fun publicKey() = ByteArray(32)
            override fun sign(message: ByteArray): ByteArray = throw SignerException.Failed("key permanently invalidated")
        }
        val refused = assertFailsWith<PrecheckException.SignerFailed> { runFlow(flow, frames, locked) }
        assertTrue(refused.message!!.contains("key permanently invalidated"), refused.message)
        // The attempt is over after a failed finish: start a new flow.
        assertFailsWith<PrecheckException.FlowOrder> { flow.finish(t0 + 120_000, null) }
        val shortKey = object : Signer {
            override fun publicKey() = ByteArray(31)
            override fun sign(message: ByteArray) = ByteArray(64)
        }
        val again = TestData.engine.startFlow(flowOptions("signer-2"), null, t0)
        assertFailsWith<PrecheckException.SignerFailed> { runFlow(again, frames, shortKey) }
        // A host bug (any other exception) is typed too, not a crash.
        val buggy = object : Signer {
            override fun publicKey(): ByteArray = throw IllegalStateException("keystore not initialised")
            override fun sign(message: ByteArray) = ByteArray(64)
        }
        val third = TestData.engine.startFlow(flowOptions("signer-3"), null, t0)
        val bug = assertFailsWith<PrecheckException.SignerFailed> { runFlow(third, frames, buggy) }
        println("host bug: ${bug.message}")
    }
}
