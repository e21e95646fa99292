//! Quality checks of one selfie camera stream without a liveness challenge (a capture screen
//! that only needs a good frame): frames through the tracker and the quality gate, buffers
//! reused from frame to frame.

use crate::error::Result;
use crate::face::{FaceObservation, FaceTracker};
use crate::frame::{Frame, FrameConverter, RgbImage};
use crate::quality::{GateUpdate, SelfieGate};

/// One stream's state: the converter's image buffer, the tracker and the gate.
#[derive(Debug)]
pub struct QualityStream {
    converter: FrameConverter,
    image: RgbImage,
    face: Option<FaceObservation>,
    tracker: FaceTracker,
    gate: SelfieGate,
}

impl QualityStream {
    /// A stream converting frames with `converter` and following the face with `tracker`.
    pub fn new(converter: FrameConverter, tracker: FaceTracker) -> QualityStream {
        QualityStream {
            converter,
            image: RgbImage::default(),
            face: None,
            tracker,
            gate: SelfieGate::default(),
        }
    }

    /// Checks the next frame (frames in capture order: `frame.timestamp_ms` drives the temporal
    /// checks and the prompt timing). Returns the gate's verdict and the tracked face.
    pub fn push(&mut self, frame: &Frame<'_>) -> Result<(&GateUpdate, Option<&FaceObservation>)> {
        self.converter.convert(frame, &mut self.image)?;
        self.face = self.tracker.track(&self.image)?;
        let update = self
            .gate
            .push(&self.image, self.face.as_slice(), frame.timestamp_ms);
        Ok((update, self.face.as_ref()))
    }

    /// Forgets the stream (a new attempt): the next frame starts without history or prompt.
    pub fn reset(&mut self) {
        self.tracker.reset();
        self.gate.reset();
        self.face = None;
    }
}
