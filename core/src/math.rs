//! Small plane geometry used across the face pipeline: points, boxes, rotated rectangles and
//! 2-D affine maps.

use serde::Serialize;

/// A point in pixels (x to the right, y down).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Point {
    pub x: f32,
    pub y: f32,
}

impl Point {
    pub const fn new(x: f32, y: f32) -> Self {
        Self { x, y }
    }
    pub fn distance(self, other: Point) -> f32 {
        ((self.x - other.x).powi(2) + (self.y - other.y).powi(2)).sqrt()
    }
    pub fn midpoint(self, other: Point) -> Point {
        Point::new((self.x + other.x) / 2.0, (self.y + other.y) / 2.0)
    }
}

/// A landmark in pixels with relative depth `z` (same scale as x; smaller is closer to the camera).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Point3 {
    pub x: f32,
    pub y: f32,
    pub z: f32,
}

impl Point3 {
    pub const fn new(x: f32, y: f32, z: f32) -> Self {
        Self { x, y, z }
    }
    pub fn xy(self) -> Point {
        Point::new(self.x, self.y)
    }
    pub fn scale(self, s: f32) -> Point3 {
        Point3::new(self.x * s, self.y * s, self.z * s)
    }
    pub fn dot(self, o: Point3) -> f32 {
        self.x * o.x + self.y * o.y + self.z * o.z
    }
    pub fn cross(self, o: Point3) -> Point3 {
        Point3::new(
            self.y * o.z - self.z * o.y,
            self.z * o.x - self.x * o.z,
            self.x * o.y - self.y * o.x,
        )
    }
    pub fn norm(self) -> f32 {
        self.dot(self).sqrt()
    }
    pub fn normalized(self) -> Point3 {
        let n = self.norm();
        if n > f32::EPSILON {
            self.scale(1.0 / n)
        } else {
            self
        }
    }
    pub fn distance(self, o: Point3) -> f32 {
        (self - o).norm()
    }
    pub fn midpoint(self, o: Point3) -> Point3 {
        (self + o).scale(0.5)
    }
}

impl std::ops::Add for Point3 {
    type Output = Point3;
    fn add(self, o: Point3) -> Point3 {
        Point3::new(self.x + o.x, self.y + o.y, self.z + o.z)
    }
}

impl std::ops::Sub for Point3 {
    type Output = Point3;
    fn sub(self, o: Point3) -> Point3 {
        Point3::new(self.x - o.x, self.y - o.y, self.z - o.z)
    }
}

/// An axis-aligned box in pixels: top-left corner and size.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct BoundingBox {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
}

impl BoundingBox {
    pub fn from_corners(x0: f32, y0: f32, x1: f32, y1: f32) -> Self {
        Self {
            x: x0,
            y: y0,
            width: x1 - x0,
            height: y1 - y0,
        }
    }
    pub fn right(&self) -> f32 {
        self.x + self.width
    }
    pub fn bottom(&self) -> f32 {
        self.y + self.height
    }
    pub fn center(&self) -> Point {
        Point::new(self.x + self.width / 2.0, self.y + self.height / 2.0)
    }
    pub fn area(&self) -> f32 {
        self.width.max(0.0) * self.height.max(0.0)
    }
    /// Area of the overlap of the two boxes; 0 for disjoint boxes.
    pub fn intersection_area(&self, other: &BoundingBox) -> f32 {
        let iw = (self.right().min(other.right()) - self.x.max(other.x)).max(0.0);
        let ih = (self.bottom().min(other.bottom()) - self.y.max(other.y)).max(0.0);
        iw * ih
    }
    /// Share of this box's area that lies inside `other` (0 for an empty box).
    pub fn share_inside(&self, other: &BoundingBox) -> f32 {
        let area = self.area();
        if area > 0.0 {
            self.intersection_area(other) / area
        } else {
            0.0
        }
    }
    /// Intersection over union; 0 for disjoint or empty boxes.
    pub fn iou(&self, other: &BoundingBox) -> f32 {
        let inter = self.intersection_area(other);
        let union = self.area() + other.area() - inter;
        if union > 0.0 {
            inter / union
        } else {
            0.0
        }
    }
    /// The smallest box holding every point (a zero box for none).
    pub fn enclosing(points: impl IntoIterator<Item = Point>) -> Self {
        let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
        for p in points {
            x0 = x0.min(p.x);
            y0 = y0.min(p.y);
            x1 = x1.max(p.x);
            y1 = y1.max(p.y);
        }
        if x0 > x1 {
            return Self::default();
        }
        Self::from_corners(x0, y0, x1, y1)
    }
}

/// A rectangle rotated by `angle` radians (clockwise in image coordinates) about its centre.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct RotatedRect {
    pub center: Point,
    pub width: f32,
    pub height: f32,
    pub angle: f32,
}

/// A 2-D affine map `p -> [a b; d e] p + [c; f]`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Affine2 {
    pub a: f32,
    pub b: f32,
    pub c: f32,
    pub d: f32,
    pub e: f32,
    pub f: f32,
}

impl Affine2 {
    pub fn apply(&self, p: Point) -> Point {
        Point::new(
            self.a * p.x + self.b * p.y + self.c,
            self.d * p.x + self.e * p.y + self.f,
        )
    }

    /// Maps the `size`×`size` square of a network input onto `rect` in the image (corner to
    /// corner, so input pixel centres land on the rect's sampling grid).
    pub fn square_to_rect(size: f32, rect: &RotatedRect) -> Affine2 {
        let (sin, cos) = rect.angle.sin_cos();
        let sx = rect.width / size;
        let sy = rect.height / size;
        // Input (u, v) -> offset from the centre in rect units -> rotate -> translate.
        let a = cos * sx;
        let b = -sin * sy;
        let d = sin * sx;
        let e = cos * sy;
        let half = size / 2.0;
        Affine2 {
            a,
            b,
            c: rect.center.x - a * half - b * half,
            d,
            e,
            f: rect.center.y - d * half - e * half,
        }
    }

    /// Uniform scale of the map (the length one input pixel covers in the image).
    pub fn scale(&self) -> f32 {
        (self.a * self.e - self.b * self.d).abs().sqrt()
    }
}

/// The middle value of `values`, sorted in place: of an even count, the upper of the two
/// middles (robust statistics where an observed value is wanted). `None` when empty.
pub fn upper_median(values: &mut [f32]) -> Option<f32> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f32::total_cmp);
    Some(values[values.len() / 2])
}

/// The median of `values`, sorted in place: of an even count, the mean of the two middles.
/// `None` when empty.
pub fn median(values: &mut [f32]) -> Option<f32> {
    let n = values.len();
    let upper = upper_median(values)?;
    Some(if n % 2 == 1 {
        upper
    } else {
        (values[n / 2 - 1] + upper) / 2.0
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iou_of_identical_and_disjoint_boxes() {
        let a = BoundingBox::from_corners(0.0, 0.0, 10.0, 10.0);
        let b = BoundingBox::from_corners(20.0, 20.0, 30.0, 30.0);
        assert!((a.iou(&a) - 1.0).abs() < 1e-6);
        assert_eq!(a.iou(&b), 0.0);
    }

    #[test]
    fn square_to_rect_maps_corners_and_centre() {
        let rect = RotatedRect {
            center: Point::new(100.0, 50.0),
            width: 40.0,
            height: 40.0,
            angle: std::f32::consts::FRAC_PI_2,
        };
        let m = Affine2::square_to_rect(192.0, &rect);
        let c = m.apply(Point::new(96.0, 96.0));
        assert!((c.x - 100.0).abs() < 1e-3 && (c.y - 50.0).abs() < 1e-3);
        // Rotated 90° clockwise: the input's top-left lands at the rect's top-right.
        let tl = m.apply(Point::new(0.0, 0.0));
        assert!(
            (tl.x - 120.0).abs() < 1e-3 && (tl.y - 30.0).abs() < 1e-3,
            "{tl:?}"
        );
        assert!((m.scale() - 40.0 / 192.0).abs() < 1e-6);
    }

    #[test]
    fn medians_of_odd_and_even_counts() {
        assert_eq!(upper_median(&mut []), None);
        assert_eq!(median(&mut []), None);
        assert_eq!(upper_median(&mut [3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(upper_median(&mut [4.0, 1.0, 3.0, 2.0]), Some(3.0));
        assert_eq!(median(&mut [4.0, 1.0, 3.0, 2.0]), Some(2.5));
    }
}
