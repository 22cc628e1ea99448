import { useLayoutEffect, useState, type RefObject } from 'react'

/** An element's content width, kept current with a ResizeObserver (charts draw at real pixels, not scaled). */
export const useWidth = (ref: RefObject<HTMLElement | null>, fallback = 1200): number => {
  const [width, setWidth] = useState(fallback)
  useLayoutEffect(() => {
    const el = ref.current
    if (!el) return
    const measure = () => setWidth(el.clientWidth || fallback)
    measure()
    const ro = new ResizeObserver(measure)
    ro.observe(el)
    return () => ro.disconnect()
  }, [ref, fallback])
  return width
}
