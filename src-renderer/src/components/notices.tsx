import { useEffect } from 'react'
import { useNoc } from '../store/store'

/** Outcome of operator actions ("Acknowledged INC-1042"), bottom left, gone after a few seconds. */
export const Notices = () => {
  const notices = useNoc((s) => s.notices)
  const dismiss = useNoc((s) => s.dismissNotice)
  useEffect(() => {
    if (!notices.length) return
    const oldest = notices[0]
    const t = setTimeout(() => dismiss(oldest.id), oldest.tone === 'error' ? 10_000 : 5_000)
    return () => clearTimeout(t)
  }, [notices, dismiss])
  return (
    <div className="notices" role="status" aria-live="polite">
      {notices.map((n) => (
        <div key={n.id} className={`notice ${n.tone}`} data-tone={n.tone}>
          {n.text}
        </div>
      ))}
    </div>
  )
}
