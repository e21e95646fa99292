use crate::frame::RgbImage;
use crate::math::{Affine2, Point};

/// Linear map from 8-bit pixel values to network input values: `v * scale + offset`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Normalization {
    pub scale: f32,
    pub offset: f32,
}

impl Normalization {
    /// [0, 255] → [-1, 1] (BlazeFace).
    pub const SIGNED_UNIT: Normalization = Normalization {
        scale: 1.0 / 127.5,
        offset: -1.0,
    };
    /// [0, 255] → [0, 1] (FaceMesh, iris).
    pub const UNIT: Normalization = Normalization {
        scale: 1.0 / 255.0,
        offset: 0.0,
    };
}

/// Fills `out` (`size × size × 3`, NHWC without the batch axis, RGB) by bilinear sampling of
/// `image` through `map`, which sends network-input pixel coordinates to image coordinates.
/// Samples outside the image read black, as MediaPipe's zero border does.
pub fn warp_to_tensor(
    image: &RgbImage,
    map: &Affine2,
    size: usize,
    norm: Normalization,
    out: &mut [f32],
) {
    debug_assert_eq!(out.len(), size * size * 3);
    let (w, h) = (image.width() as i64, image.height() as i64);
    let data = image.as_bytes();
    let row = w as usize * 3;
    for (v, out_row) in out.chunks_exact_mut(size * 3).enumerate() {
        // Pixel centres: input pixel (u, v) covers [u, u+1); its centre maps into the image and
        // is shifted back by half a pixel to index image samples.
        let start = map.apply(Point::new(0.5, v as f32 + 0.5));
        for (u, px) in out_row.chunks_exact_mut(3).enumerate() {
            let sx = start.x + map.a * u as f32 - 0.5;
            let sy = start.y + map.d * u as f32 - 0.5;
            let x0 = sx.floor();
            let y0 = sy.floor();
            let (fx, fy) = (sx - x0, sy - y0);
            let (x0, y0) = (x0 as i64, y0 as i64);
            let mut acc = [0f32; 3];
            for (dy, wy) in [(0i64, 1.0 - fy), (1, fy)] {
                let yy = y0 + dy;
                if wy == 0.0 || yy < 0 || yy >= h {
                    continue;
                }
                for (dx, wx) in [(0i64, 1.0 - fx), (1, fx)] {
                    let xx = x0 + dx;
                    if wx == 0.0 || xx < 0 || xx >= w {
                        continue;
                    }
                    let weight = wx * wy;
                    let i = yy as usize * row + xx as usize * 3;
                    acc[0] += weight * data[i] as f32;
                    acc[1] += weight * data[i + 1] as f32;
                    acc[2] += weight * data[i + 2] as f32;
                }
            }
            for (o, a) in px.iter_mut().zip(acc) {
                *o = a * norm.scale + norm.offset;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::RotatedRect;

    #[test]
    fn identity_map_copies_pixels() {
        let data: Vec<u8> = (0..4 * 4 * 3).map(|i| i as u8).collect();
        let image = RgbImage::from_raw(4, 4, data.clone()).unwrap();
        let rect = RotatedRect {
            center: Point::new(2.0, 2.0),
            width: 4.0,
            height: 4.0,
            angle: 0.0,
        };
        let map = Affine2::square_to_rect(4.0, &rect);
        let mut out = vec![0f32; 48];
        warp_to_tensor(
            &image,
            &map,
            4,
            Normalization {
                scale: 1.0,
                offset: 0.0,
            },
            &mut out,
        );
        for (o, d) in out.iter().zip(&data) {
            assert!((o - *d as f32).abs() < 1e-3);
        }
    }
}
