//! The selfie liveness session: one frame stream through the tracker, the quality gate, the
//! challenge detectors and sequencer, the natural-motion check, the depth collector, the
//! scheduled passive models and identity continuity. `Send + Sync`: frames arrive on the camera
//! thread while the UI may read state from another.

use std::sync::{Mutex, MutexGuard};

use super::best_frames::{frame_score, match_eligibility, BestFrames, MatchCandidate};
use super::options::SelfieOptions;
use super::update::{IdentityReport, PromptEvent, SessionResult, SessionState, SessionUpdate};
use crate::error::{PrecheckError, Result};
use crate::evidence::FrameChain;
use crate::face::{Analyzer, Embedding, FaceEmbedder, FaceObservation, FaceTracker};
use crate::frame::{Frame, FrameConverter, RgbImage};
use crate::limits::{Limits, SessionLimits};
use crate::liveness::{
    challenge_order, decide, ActionDetectors, ActionEvent, AttemptFailure, ChallengeKind,
    ChallengeSequencer, CheckReport, ConsensusInput, Continuity, DepthCollector, MotionAnomaly,
    MotionChecker, MotionEvent, MotionSample, PadSlot, PassiveAggregator, Verdict,
};
use crate::matching::{cosine_similarity, decide as match_decide, Decision};
use crate::prompt::{Issue, PromptCode, Severity};
use crate::quality::SelfieGate;

/// Quality prompts that still win over the challenge prompt while challenges run (the pose and
/// expression checks would fight the challenges themselves).
const BLOCKING_DURING_CHALLENGES: [PromptCode; 10] = [
    PromptCode::FaceNotFound,
    PromptCode::MultipleFaces,
    PromptCode::FaceCutOff,
    PromptCode::FaceTooFar,
    PromptCode::FaceTooClose,
    PromptCode::BackgroundMoving,
    PromptCode::TooDark,
    PromptCode::TooBright,
    PromptCode::Flicker,
    PromptCode::LensDirty,
];

/// Light advice that does not hold a liveness session back: with the light behind or beside
/// them a person's face is still exposed well enough to turn and blink (TOO_DARK and
/// TOO_BRIGHT say when it is not). The prompt still shows whenever no challenge prompt does.
const ADVISORY_IN_SESSION: [PromptCode; 2] = [PromptCode::Backlit, PromptCode::UnevenLight];

/// Quality issues that leave a face unfit for the passive models, the cues and the identity
/// embedding: its pixels do not show the skin (exposure, covered eyes or mouth). Framing, pose
/// and blur are not among them: a face too far, off-centre, backlit or blurred (a replay filmed
/// off a screen often is) is still looked at for an attack; the sharpest scored frames weigh
/// most.
const UNFIT_FOR_FACE_MODELS: [PromptCode; 6] = [
    PromptCode::FaceNotFound,
    PromptCode::TooDark,
    PromptCode::TooBright,
    PromptCode::EyesCovered,
    PromptCode::Sunglasses,
    PromptCode::Mask,
];

/// One liveness attempt. Create with [`crate::Engine::start_selfie`].
#[derive(Debug)]
pub struct Session {
    inner: Mutex<SessionInner>,
}

#[derive(Debug)]
struct SessionInner {
    options: SelfieOptions,
    order: Vec<ChallengeKind>,
    tracker: FaceTracker,
    gate: SelfieGate,
    converter: FrameConverter,
    image: RgbImage,
    detectors: ActionDetectors,
    sequencer: ChallengeSequencer,
    motion: MotionChecker,
    depth: DepthCollector,
    passive: PassiveAggregator,
    pad_slots: Vec<PadSlot>,
    embedder: FaceEmbedder,
    /// The aligned face crop as a tensor: wiped on drop.
    embed_input: zeroize::Zeroizing<Vec<f32>>,
    first_embedding: Option<Embedding>,
    min_similarity: Option<f32>,
    embedded_frames: u32,
    last_identity_ms: Option<i64>,
    started_ms: Option<i64>,
    size: Option<(u32, u32)>,
    first_ms: Option<i64>,
    last_ms: Option<i64>,
    last_face_ms: Option<i64>,
    background_since: Option<i64>,
    failure: Option<AttemptFailure>,
    events: Vec<ActionEvent>,
    motion_events: Vec<MotionEvent>,
    new_motion: Vec<MotionEvent>,
    prompts: Vec<PromptEvent>,
    frames: u64,
    finished: bool,
    /// Every accepted frame, hashed (evidence).
    chain: FrameChain,
    /// The frames kept for the face match (`options.keep_frames`).
    best: BestFrames,
    limits: SessionLimits,
    /// Timeline entries dropped at `limits.max_timeline_events` (logged once at finish).
    dropped_timeline_events: u64,
}

impl Session {
    /// A session on `faces`' models (its own tracker), with the passive models of `pad_slots`
    /// (none: the passive verdict is left to the cues).
    pub fn new(
        options: SelfieOptions,
        faces: &Analyzer,
        pad_slots: Vec<PadSlot>,
        limits: Limits,
    ) -> Session {
        let tracker = faces.tracker();
        let embedder = faces.embedder().clone();
        let order = challenge_order(options.nonce.as_bytes(), &options.challenges);
        let policy = options.policy;
        let chain = FrameChain::new(&options.nonce);
        let best = BestFrames::new(options.keep_frames);
        Session {
            inner: Mutex::new(SessionInner {
                sequencer: ChallengeSequencer::new(&order, policy.challenges),
                detectors: ActionDetectors::new(policy.challenges),
                order,
                options,
                tracker,
                gate: SelfieGate::default(),
                converter: FrameConverter::with_limits(limits.frame),
                image: RgbImage::default(),
                motion: MotionChecker::default(),
                depth: DepthCollector::default(),
                passive: PassiveAggregator::default(),
                pad_slots,
                embedder,
                embed_input: Default::default(),
                first_embedding: None,
                min_similarity: None,
                embedded_frames: 0,
                last_identity_ms: None,
                started_ms: None,
                size: None,
                first_ms: None,
                last_ms: None,
                last_face_ms: None,
                background_since: None,
                failure: None,
                events: Vec::new(),
                motion_events: Vec::new(),
                new_motion: Vec::new(),
                prompts: Vec::new(),
                frames: 0,
                finished: false,
                chain,
                best,
                limits: limits.session,
                dropped_timeline_events: 0,
            }),
        }
    }

    fn lock(&self) -> MutexGuard<'_, SessionInner> {
        // A panic while holding the lock cannot leave the state half-written in a way that
        // matters more than losing the session; keep serving it.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The challenge order drawn from the nonce.
    pub fn order(&self) -> Vec<ChallengeKind> {
        self.lock().order.clone()
    }

    /// Processes one frame. Frames must come with strictly increasing timestamps and one size;
    /// others are refused with [`PrecheckError::InvalidFrame`] and change nothing.
    pub fn push_frame(&self, frame: &Frame<'_>) -> Result<SessionUpdate> {
        self.lock().push_frame(frame)
    }

    /// Frames accepted so far (read-only; safe to call from another thread while frames are
    /// pushed).
    pub fn frames(&self) -> u64 {
        self.lock().frames
    }

    /// Ends the session and decides. Later pushes answer [`PrecheckError::InvalidInput`].
    pub fn finish(&self) -> SessionResult {
        self.lock().finish()
    }

    /// The hash chain over every frame accepted so far.
    pub fn frame_chain(&self) -> FrameChain {
        self.lock().chain.clone()
    }

    /// Hands over the frames kept for the face match (best first); the session keeps none.
    pub(crate) fn take_match_candidates(&self) -> Vec<MatchCandidate> {
        self.lock().best.take()
    }
}

impl SessionInner {
    fn push_frame(&mut self, frame: &Frame<'_>) -> Result<SessionUpdate> {
        if self.finished {
            return Err(PrecheckError::InvalidInput(
                "session already finished: start a new one".into(),
            ));
        }
        let t = frame.timestamp_ms;
        if let Some(last) = self.last_ms {
            if t <= last {
                return Err(PrecheckError::InvalidFrame(format!(
                    "timestamp {t} ms is not after the previous frame's {last} ms"
                )));
            }
        }
        self.check_length(t)?;
        let size = frame.upright_size();
        if let Some(first) = self.size {
            if first != size {
                return Err(PrecheckError::InvalidFrame(format!(
                    "frame size {}x{} differs from the session's {}x{}",
                    size.0, size.1, first.0, first.1
                )));
            }
        }
        self.converter.convert(frame, &mut self.image)?;
        let digest = self.chain.push(frame);
        self.size = Some(size);
        self.last_ms = Some(t);
        self.first_ms.get_or_insert(t);
        self.frames += 1;
        self.events.clear();

        if self.is_over() {
            return Ok(self.update(t, None, &[], false, None, None));
        }
        let face = self.tracker.track(&self.image)?;
        let faces: &[FaceObservation] = face.as_slice();
        let gate = self.gate.push(&self.image, faces, t);
        let issues = gate.issues.clone();
        let gate_prompt = gate.prompt;
        let gate_ready = !issues
            .iter()
            .any(|i| i.severity == Severity::Error && !ADVISORY_IN_SESSION.contains(&i.code));
        let face_fit = !issues
            .iter()
            .any(|i| i.severity == Severity::Error && UNFIT_FOR_FACE_MODELS.contains(&i.code));
        let sharpness = gate.measures.face.as_ref().map_or(0.0, |f| f.sharpness);
        if let Some(main) = faces.first().filter(|_| self.best.is_enabled()) {
            if let Some(weight) = match_eligibility(&issues) {
                let score = frame_score(main, sharpness) * weight;
                self.best.offer(score, t, digest, &self.image, main);
            }
        }

        self.new_motion.clear();
        let policy = self.options.policy;
        let mut sample = None;
        if let Some(face) = &face {
            let s = MotionSample::from_face(face, t, frame.mirrored);
            self.detectors.push(&s, &mut self.events);
            self.motion.push(
                &s,
                Some(&face.mesh),
                &policy.challenges,
                &mut self.new_motion,
            );
            self.depth
                .push(&self.image, &face.mesh, s.yaw, &policy.depth);
            self.last_face_ms = Some(t);
            sample = Some(s);
        } else {
            // A new track starts when the face comes back (a turn held past profile goes on).
            self.detectors.push_face_lost(t);
            self.motion.reset();
        }

        // Start once the face is ready (no blocking quality issue).
        if self.started_ms.is_none() && face.is_some() && gate_ready {
            self.started_ms = Some(t);
        }
        if self.started_ms.is_some() {
            Self::push_timeline(
                &mut self.motion_events,
                &self.new_motion,
                self.limits.max_timeline_events,
                &mut self.dropped_timeline_events,
            );
            self.check_attempt(t, &issues);
        }

        let mut passive_score = None;
        if let (Some(face), Some(s)) = (&face, &sample) {
            passive_score = self.run_passive(face, s, t, face_fit, sharpness)?;
            self.run_identity(face, s, t, face_fit)?;
        }

        let mut step = None;
        if self.started_ms.is_some() && self.failure.is_none() && !self.order.is_empty() {
            let neutral = sample
                .as_ref()
                .is_some_and(|s| self.detectors.is_neutral(s));
            let hold = self
                .sequencer
                .current()
                .map_or(0.0, |k| self.detectors.hold_progress(k, t));
            let st = self.sequencer.push(t, neutral, hold, &self.events);
            if st.failed {
                self.failure = Some(AttemptFailure::ChallengeFailed);
            }
            step = Some(st);
        }

        // The prompt: a blocking quality issue, else the challenge's, else any quality prompt.
        let prompt = if self.failure.is_some() {
            Some(self.failure_prompt())
        } else if self.started_ms.is_none() {
            gate_prompt
        } else {
            // A turned face is narrower, and near profile the detector loses it: while the
            // head is turned, "move closer" and "place your face in the oval" would contradict
            // the turn the user was asked for.
            let turned = sample
                .as_ref()
                .map_or(self.detectors.is_past_profile(), |s| {
                    s.yaw.abs() >= policy.challenges.turn_enter_deg
                });
            let gate_prompt = gate_prompt.filter(|c| {
                !(turned && matches!(c, PromptCode::FaceTooFar | PromptCode::FaceNotFound))
            });
            let blocking = gate_prompt.filter(|c| BLOCKING_DURING_CHALLENGES.contains(c));
            blocking
                .or(step.and_then(|s| s.prompt))
                .or(gate_prompt)
                .or_else(|| {
                    let neutral = sample
                        .as_ref()
                        .is_some_and(|s| self.detectors.is_neutral(s));
                    (!self.order.is_empty() && !neutral && !self.sequencer.is_completed())
                        .then_some(PromptCode::LookStraight)
                })
        };
        Ok(self.update(t, prompt, &issues, face.is_some(), sample, passive_score))
    }

    /// Refuses a frame past the session's length limits (frames, frame time) before any work.
    fn check_length(&self, t: i64) -> Result<()> {
        let limits = &self.limits;
        if self.frames >= limits.max_frames {
            return Err(PrecheckError::SessionTooLong(format!(
                "{} frames reached (limit {})",
                self.frames, limits.max_frames
            )));
        }
        let duration = self.first_ms.map_or(0, |first| t.saturating_sub(first));
        if duration > limits.max_duration_ms {
            return Err(PrecheckError::SessionTooLong(format!(
                "frame at {duration} ms after the first exceeds the limit of {} ms",
                limits.max_duration_ms
            )));
        }
        Ok(())
    }

    /// Appends to a timeline list unless it holds `max_timeline_events` entries already.
    fn push_timeline<T: Copy>(list: &mut Vec<T>, items: &[T], max: usize, dropped: &mut u64) {
        let room = max.saturating_sub(list.len()).min(items.len());
        list.extend_from_slice(&items[..room]);
        *dropped += (items.len() - room) as u64;
    }

    fn is_over(&self) -> bool {
        self.failure.is_some() || self.is_completed()
    }

    fn is_completed(&self) -> bool {
        if self.order.is_empty() {
            let Some(start) = self.started_ms else {
                return false;
            };
            let enough_passive = self.pad_slots.is_empty()
                || self.passive.samples().len() >= self.options.policy.passive.best_frames;
            self.last_ms
                .is_some_and(|t| t - start >= self.options.policy.capture_ms)
                && enough_passive
        } else {
            self.sequencer.is_completed()
        }
    }

    /// Ends the attempt on face loss, background motion or unnatural motion.
    fn check_attempt(&mut self, t: i64, issues: &[Issue]) {
        let policy = self.options.policy;
        let lost_for = t - self.last_face_ms.or(self.started_ms).unwrap_or(t);
        // A face lost while a turn is held past profile went far, not away: it has the turn's
        // hold time on top of the grace.
        let mut grace = policy.challenges.face_lost_grace_ms;
        if self.detectors.is_past_profile() {
            grace += policy.challenges.turn_hold_ms;
        }
        if lost_for > grace {
            return self.fail(AttemptFailure::FaceLost);
        }
        if issues
            .iter()
            .any(|i| i.code == PromptCode::BackgroundMoving && i.severity == Severity::Error)
        {
            let since = *self.background_since.get_or_insert(t);
            if t - since >= policy.background_ms {
                return self.fail(AttemptFailure::BackgroundMoving);
            }
        } else {
            self.background_since = None;
        }
        let frozen = self
            .motion_events
            .iter()
            .any(|e| e.anomaly == MotionAnomaly::Frozen);
        let unnatural = self
            .motion_events
            .iter()
            .filter(|e| e.anomaly != MotionAnomaly::Frozen)
            .count() as u32;
        if frozen || unnatural > policy.challenges.max_unnatural_events {
            self.fail(AttemptFailure::UnnaturalMotion);
        }
    }

    fn fail(&mut self, failure: AttemptFailure) {
        if self.failure.is_none() {
            log::info!("liveness attempt ended: {}", failure.as_str());
            self.failure = Some(failure);
            self.sequencer.abort();
        }
    }

    fn failure_prompt(&self) -> PromptCode {
        match self.failure {
            Some(AttemptFailure::FaceLost) => PromptCode::FaceNotFound,
            Some(AttemptFailure::BackgroundMoving) => PromptCode::BackgroundMoving,
            Some(AttemptFailure::ChallengeFailed) => self
                .sequencer
                .results()
                .iter()
                .rev()
                .find_map(|r| r.reason.and_then(|f| f.prompt()))
                .unwrap_or(PromptCode::WrongAction),
            _ => PromptCode::HoldStill,
        }
    }

    /// Passive models and cues on a schedule, on frontal faces of usable size whose pixels show
    /// the skin (`fit`), whatever the framing prompt says.
    fn run_passive(
        &mut self,
        face: &FaceObservation,
        s: &MotionSample,
        t: i64,
        fit: bool,
        sharpness: f32,
    ) -> Result<Option<f32>> {
        let p = self.options.policy.passive;
        if (self.pad_slots.is_empty() && !p.cues.enabled)
            || !fit
            || face.bbox.width < p.min_face_px
            || s.yaw.abs() > p.max_yaw_deg
            || !self.passive.due(t, &p)
        {
            return Ok(None);
        }
        let quality = sharpness.max(0.0) * s.yaw.to_radians().cos().max(0.0);
        self.passive.score(
            &self.pad_slots,
            &p,
            &self.image,
            &face.bbox,
            &face.landmarks5,
            t,
            quality,
        )
    }

    /// Identity continuity: embeds a frontal face of usable size (`fit`, as the passive models
    /// need it) about once a second and compares it with the first; a clearly different person
    /// ends the attempt.
    fn run_identity(
        &mut self,
        face: &FaceObservation,
        s: &MotionSample,
        t: i64,
        fit: bool,
    ) -> Result<()> {
        let policy = self.options.policy;
        let due = self
            .last_identity_ms
            .is_none_or(|last| t - last >= policy.identity_interval_ms);
        if !due
            || !fit
            || face.bbox.width < policy.passive.min_face_px
            || s.yaw.abs() > policy.passive.max_yaw_deg
        {
            return Ok(());
        }
        self.last_identity_ms = Some(t);
        let embedding = match self
            .embedder
            .embed(&self.image, face, &mut self.embed_input)
        {
            Ok(e) => e,
            // Degenerate landmarks: skip this frame, not the session.
            Err(PrecheckError::FaceNotFound(_)) => return Ok(()),
            Err(e) => return Err(e),
        };
        self.embedded_frames += 1;
        match &self.first_embedding {
            None => self.first_embedding = Some(embedding),
            Some(first) => {
                let sim = cosine_similarity(first, &embedding);
                let min = self.min_similarity.map_or(sim, |m| m.min(sim));
                self.min_similarity = Some(min);
                if self.started_ms.is_some()
                    && match_decide(sim, &policy.identity) == Decision::NoMatch
                {
                    self.fail(AttemptFailure::IdentityChanged);
                }
            }
        }
        Ok(())
    }

    fn update(
        &mut self,
        t: i64,
        prompt: Option<PromptCode>,
        issues: &[Issue],
        face_found: bool,
        sample: Option<MotionSample>,
        passive_score: Option<f32>,
    ) -> SessionUpdate {
        let prompt = if self.is_completed() && self.failure.is_none() {
            Some(PromptCode::Done)
        } else if self.failure.is_some() && prompt.is_none() {
            Some(self.failure_prompt())
        } else {
            prompt
        };
        if self.prompts.last().map(|p| p.code) != Some(prompt) {
            Self::push_timeline(
                &mut self.prompts,
                &[PromptEvent {
                    t_ms: t,
                    code: prompt,
                }],
                self.limits.max_timeline_events,
                &mut self.dropped_timeline_events,
            );
        }
        let state = if self.failure.is_some() {
            SessionState::Failed
        } else if self.is_completed() {
            SessionState::Completed
        } else if self.started_ms.is_none() {
            SessionState::Positioning
        } else if self.order.is_empty() {
            SessionState::Capturing
        } else {
            SessionState::Challenge
        };
        let progress = match state {
            SessionState::Completed => 1.0,
            SessionState::Positioning => 0.0,
            _ if self.order.is_empty() => {
                let need = self.options.policy.passive.best_frames.max(1) as f32;
                (self.passive.samples().len() as f32 / need).min(0.99)
            }
            _ => {
                let hold = self
                    .sequencer
                    .current()
                    .map_or(0.0, |k| self.detectors.hold_progress(k, t));
                let done = self.sequencer.results().iter().filter(|r| r.passed).count();
                ((done as f32 + hold * 0.9) / self.order.len() as f32).min(1.0)
            }
        };
        let index = self.sequencer.results().iter().filter(|r| r.passed).count();
        SessionUpdate {
            t_ms: t,
            state,
            prompt: prompt.map(|c| c.prompt(self.options.language)),
            challenge: self.sequencer.current(),
            // At most one per challenge kind: the counts always fit.
            challenge_index: u32::try_from(index).unwrap_or(u32::MAX),
            challenge_count: u32::try_from(self.order.len()).unwrap_or(u32::MAX),
            progress,
            face_found,
            issues: issues.to_vec(),
            failure: self.failure,
            sample,
            events: self.events.clone(),
            passive_score,
        }
    }

    fn finish(&mut self) -> SessionResult {
        self.finished = true;
        if self.dropped_timeline_events > 0 {
            log::warn!(
                "session timeline capped at {} entries per list: {} dropped",
                self.limits.max_timeline_events,
                self.dropped_timeline_events
            );
        }
        // Every challenge passed but the stream ended inside the last one's feedback moment
        // (the "Done" shown briefly): that moment is for the screen, the attempt is complete.
        let all_passed = !self.order.is_empty()
            && self.sequencer.results().len() == self.order.len()
            && self.sequencer.results().iter().all(|r| r.passed);
        if self.failure.is_none() && !self.is_completed() && !all_passed {
            self.failure = Some(AttemptFailure::NotCompleted);
            self.sequencer.abort();
        }
        let policy = self.options.policy;
        let active = self.active_report();
        let passive = self.passive.report(&self.pad_slots, &policy.passive);
        let passive_cues = self.passive.cue_report(&self.pad_slots, &policy.passive);
        let depth = self.depth.report(&policy.depth);
        let continuity = match (self.min_similarity, self.embedded_frames) {
            (Some(sim), n) if n >= 2 => match match_decide(sim, &policy.identity) {
                Decision::Match => Continuity::Same,
                Decision::NoMatch => Continuity::Different,
                Decision::Review => Continuity::Uncertain,
            },
            _ => Continuity::Unchecked,
        };
        let (decision, reasons) = decide(&ConsensusInput {
            failure: self.failure,
            active: active.verdict,
            passive: passive.verdict,
            depth: depth.verdict,
            continuity,
        });
        SessionResult {
            decision,
            reasons,
            nonce: self.options.nonce.clone(),
            order: self.order.clone(),
            challenges: self.sequencer.results().to_vec(),
            active,
            passive,
            passive_cues,
            depth,
            identity: IdentityReport {
                continuity,
                min_similarity: self.min_similarity,
                embedded_frames: self.embedded_frames,
            },
            failure: self.failure,
            prompts: self.prompts.clone(),
            motion_events: self.motion_events.clone(),
            frames: self.frames,
            first_ms: self.first_ms,
            last_ms: self.last_ms,
        }
    }

    /// Active verdict: every challenge passed with natural motion → live; motion no live head
    /// makes (teleports, frozen frames, impossible speed) → spoof; anything else (a challenge not
    /// reached, not finished, too slow, the wrong one) → unsure: a person who was not asked, or
    /// did not finish, is not accused of an attack.
    fn active_report(&self) -> CheckReport {
        let results = self.sequencer.results();
        if results.is_empty() {
            return CheckReport::unsure("no_challenges");
        }
        let passed = results.iter().filter(|r| r.passed).count();
        let score = passed as f32 / results.len() as f32;
        let unnatural = self.failure == Some(AttemptFailure::UnnaturalMotion);
        let verdict = if unnatural {
            Verdict::Spoof
        } else if passed == results.len() {
            Verdict::Live
        } else {
            Verdict::Unsure
        };
        let note = if unnatural {
            Some("unnatural_motion")
        } else if passed < results.len() {
            Some("challenges_not_completed")
        } else {
            None
        };
        CheckReport {
            score: Some(score),
            verdict,
            note: note.map(str::to_string),
        }
    }
}
