//! Plain 2-D geometry shared by layout, scene and render: points and axis-aligned rectangles.

/// A point in diagram units (1 unit = 1 CSS px at scale 1).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

impl Point {
    pub fn new(x: f64, y: f64) -> Self {
        Point { x, y }
    }
}

/// An axis-aligned rectangle: top-left corner and size.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub fn new(x: f64, y: f64, w: f64, h: f64) -> Self {
        Rect { x, y, w, h }
    }

    pub fn right(&self) -> f64 {
        self.x + self.w
    }

    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }

    pub fn center(&self) -> Point {
        Point::new(self.x + self.w / 2.0, self.y + self.h / 2.0)
    }

    /// The rectangle grown by `m` on every side (shrunk when `m` is negative).
    pub fn inflate(&self, m: f64) -> Rect {
        Rect::new(self.x - m, self.y - m, self.w + 2.0 * m, self.h + 2.0 * m)
    }

    /// True when the interiors overlap by more than `eps` on both axes.
    pub fn overlaps(&self, o: &Rect, eps: f64) -> bool {
        self.x + eps < o.right()
            && o.x + eps < self.right()
            && self.y + eps < o.bottom()
            && o.y + eps < self.bottom()
    }

    /// True when `o` lies inside `self`, with `eps` tolerance.
    pub fn contains_rect(&self, o: &Rect, eps: f64) -> bool {
        o.x >= self.x - eps
            && o.y >= self.y - eps
            && o.right() <= self.right() + eps
            && o.bottom() <= self.bottom() + eps
    }

    /// True when `p` lies strictly inside `self` shrunk by `eps`.
    pub fn strictly_contains(&self, p: Point, eps: f64) -> bool {
        p.x > self.x + eps
            && p.x < self.right() - eps
            && p.y > self.y + eps
            && p.y < self.bottom() - eps
    }

    /// The smallest rectangle holding both.
    pub fn union(&self, o: &Rect) -> Rect {
        let x = self.x.min(o.x);
        let y = self.y.min(o.y);
        Rect::new(
            x,
            y,
            self.right().max(o.right()) - x,
            self.bottom().max(o.bottom()) - y,
        )
    }

    pub fn translate(&self, dx: f64, dy: f64) -> Rect {
        Rect::new(self.x + dx, self.y + dy, self.w, self.h)
    }

    /// True when the segment `a`-`b` passes through the interior of `self` shrunk by `eps`.
    /// Liang-Barsky clipping against the shrunk box.
    pub fn segment_crosses(&self, a: Point, b: Point, eps: f64) -> bool {
        let r = self.inflate(-eps);
        if r.w <= 0.0 || r.h <= 0.0 {
            return false;
        }
        let (dx, dy) = (b.x - a.x, b.y - a.y);
        let mut t0 = 0.0_f64;
        let mut t1 = 1.0_f64;
        for (p, q) in [
            (-dx, a.x - r.x),
            (dx, r.right() - a.x),
            (-dy, a.y - r.y),
            (dy, r.bottom() - a.y),
        ] {
            if p == 0.0 {
                if q <= 0.0 {
                    return false;
                }
            } else {
                let t = q / p;
                if p < 0.0 {
                    t0 = t0.max(t);
                } else {
                    t1 = t1.min(t);
                }
                if t0 >= t1 {
                    return false;
                }
            }
        }
        t1 - t0 > 1e-9
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segment_through_and_beside_a_box() {
        let r = Rect::new(0.0, 0.0, 10.0, 10.0);
        assert!(r.segment_crosses(Point::new(-5.0, 5.0), Point::new(15.0, 5.0), 1.0));
        assert!(!r.segment_crosses(Point::new(-5.0, 12.0), Point::new(15.0, 12.0), 1.0));
        assert!(!r.segment_crosses(Point::new(-5.0, 0.5), Point::new(15.0, 0.5), 1.0));
        assert!(r.segment_crosses(Point::new(5.0, 5.0), Point::new(5.0, 5.5), 1.0));
    }
}
