//! Pixel resampling: crops, rotations and letterboxing of an [`RgbImage`] straight into a
//! network's float input.

mod warp;

pub use warp::{warp_to_tensor, Normalization};
