//! A small in-place radix-2 FFT (complex, power-of-two sizes) for the screen check's spectra.

/// In-place FFT of `re`/`im` (length a power of two).
pub fn fft(re: &mut [f32], im: &mut [f32]) {
    let n = re.len();
    debug_assert!(n.is_power_of_two() && im.len() == n);
    let mut j = 0;
    for i in 1..n {
        let mut bit = n >> 1;
        while j & bit != 0 {
            j ^= bit;
            bit >>= 1;
        }
        j |= bit;
        if i < j {
            re.swap(i, j);
            im.swap(i, j);
        }
    }
    let mut len = 2;
    while len <= n {
        let angle = -2.0 * std::f32::consts::PI / len as f32;
        let (wr, wi) = (angle.cos(), angle.sin());
        for start in (0..n).step_by(len) {
            let (mut cr, mut ci) = (1f32, 0f32);
            for k in 0..len / 2 {
                let (a, b) = (start + k, start + k + len / 2);
                let tr = re[b] * cr - im[b] * ci;
                let ti = re[b] * ci + im[b] * cr;
                re[b] = re[a] - tr;
                im[b] = im[a] - ti;
                re[a] += tr;
                im[a] += ti;
                let next = cr * wr - ci * wi;
                ci = cr * wi + ci * wr;
                cr = next;
            }
        }
        len <<= 1;
    }
}

/// Magnitude spectrum of an `n`×`n` real patch (row-major), into `magnitude`. `re`/`im` are
/// scratch buffers.
pub fn magnitude_2d(
    patch: &[f32],
    n: usize,
    re: &mut Vec<f32>,
    im: &mut Vec<f32>,
    magnitude: &mut Vec<f32>,
) {
    re.clear();
    re.extend_from_slice(patch);
    im.clear();
    im.resize(n * n, 0.0);
    for row in 0..n {
        fft(
            &mut re[row * n..(row + 1) * n],
            &mut im[row * n..(row + 1) * n],
        );
    }
    let (mut col_re, mut col_im) = (vec![0f32; n], vec![0f32; n]);
    for col in 0..n {
        for row in 0..n {
            col_re[row] = re[row * n + col];
            col_im[row] = im[row * n + col];
        }
        fft(&mut col_re, &mut col_im);
        for row in 0..n {
            re[row * n + col] = col_re[row];
            im[row * n + col] = col_im[row];
        }
    }
    magnitude.clear();
    magnitude.extend(
        re.iter()
            .zip(im.iter())
            .map(|(r, i)| (r * r + i * i).sqrt()),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cosine_has_one_peak() {
        let n = 32;
        let mut re: Vec<f32> = (0..n)
            .map(|i| (2.0 * std::f32::consts::PI * 4.0 * i as f32 / n as f32).cos())
            .collect();
        let mut im = vec![0f32; n];
        fft(&mut re, &mut im);
        let mag: Vec<f32> = re
            .iter()
            .zip(&im)
            .map(|(r, i)| (r * r + i * i).sqrt())
            .collect();
        assert!((mag[4] - 16.0).abs() < 1e-3 && (mag[28] - 16.0).abs() < 1e-3);
        assert!(mag[5] < 1e-3);
    }
}
