package dev.precheck.app.flow

import dev.precheck.DocumentStepReport
import dev.precheck.Engine
import dev.precheck.Flow
import dev.precheck.FlowOptions
import dev.precheck.FlowResult
import dev.precheck.Frame
import dev.precheck.RetryStateStore
import dev.precheck.Signer
import dev.precheck.core.ChallengeKind
import dev.precheck.core.SessionUpdate
import java.nio.ByteBuffer

/**
 * One KYC attempt as the app runs it: the SDK's [Flow] with the host's clock, retry store and
 * signing key. The store is the SDK's [RetryStateStore] callback: the flow reads it at the start
 * (a cooldown in force refuses with `PrecheckException.RetryCooldown`) and writes the new state
 * when it finishes. Plain Kotlin (tested on the JVM against the real library); the activity only
 * adds the camera and the screens. Every call may throw `PrecheckException`.
 */
class KycAttempt(
    engine: Engine,
    options: FlowOptions,
    store: RetryStateStore,
    private val signer: Signer?,
    private val clock: () -> Long = System::currentTimeMillis,
) {
    private val flow: Flow = engine.startFlowWithStore(options, store, clock())

    /** The document photo (JPEG/PNG bytes as picked or captured); may be repeated (a retake). */
    fun submitDocument(encoded: ByteArray): DocumentStepReport = flow.submitDocument(encoded, clock())

    /** Starts the selfie step; the order the challenges will be asked in. */
    fun startSelfie(): List<ChallengeKind> = flow.startSelfie(clock())

    /** One camera frame (call on the analysis thread). */
    fun pushFrame(frame: Frame, pixels: ByteBuffer): SessionUpdate = flow.pushFrame(frame, pixels)

    /** Decides (the SDK stores the new retry state) and returns the result with its (signed) bundle. */
    fun finish(): FlowResult = flow.finish(clock(), signer)
}
