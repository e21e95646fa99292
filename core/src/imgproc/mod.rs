//! General image tools, each one algorithm on plain data: warps (affine into a model tensor,
//! projective into an image), luma planes and box downscaling, edges, Hough lines and line
//! support, the FFT and its peaks, and homographies (exact, least-squares fit, solve).

pub mod edges;
pub mod fft;
pub mod homography;
pub mod hough;
pub mod line;
pub mod plane;
pub mod warp;

pub use warp::{warp_to_tensor, Normalization};
