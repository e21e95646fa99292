package dev.precheck.app

import android.content.Context
import android.graphics.Canvas
import android.graphics.Color
import android.graphics.Paint
import android.graphics.Path
import android.graphics.RectF
import android.util.AttributeSet
import android.view.View

/** Darkens the preview outside a centred oval (where the face should be) and outlines it. */
class OvalOverlayView(context: Context, attrs: AttributeSet?) : View(context, attrs) {
    private val shade = Paint(Paint.ANTI_ALIAS_FLAG).apply { color = Color.argb(140, 0, 0, 0) }
    private val outline = Paint(Paint.ANTI_ALIAS_FLAG).apply {
        color = Color.WHITE
        style = Paint.Style.STROKE
        strokeWidth = 6f
    }
    private val oval = RectF()
    private val path = Path()

    override fun onSizeChanged(w: Int, h: Int, oldw: Int, oldh: Int) {
        val width = w * 0.7f
        val height = width * 1.3f
        oval.set((w - width) / 2, h * 0.18f, (w + width) / 2, h * 0.18f + height)
        path.reset()
        path.fillType = Path.FillType.EVEN_ODD
        path.addRect(0f, 0f, w.toFloat(), h.toFloat(), Path.Direction.CW)
        path.addOval(oval, Path.Direction.CW)
    }

    override fun onDraw(canvas: Canvas) {
        canvas.drawPath(path, shade)
        canvas.drawOval(oval, outline)
    }
}
