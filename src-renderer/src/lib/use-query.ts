import { useCallback, useEffect, useState } from 'react'
import type { InputOf, Method, OutputOf } from '@shared/api/contract'
import { transport } from '../api/instance'

/** Load one contract query; `reload()` after a change. Re-runs when `key` changes. */
export const useQuery = <M extends Method>(method: M, input: InputOf<M>, key = '') => {
  const [state, setState] = useState<{ data: OutputOf<M> | null; error: string | null; loading: boolean }>({ data: null, error: null, loading: true })
  const [n, setN] = useState(0)
  const reload = useCallback(() => setN((x) => x + 1), [])
  useEffect(() => {
    let live = true
    setState((s) => ({ ...s, loading: true }))
    transport()
      .call(method, input)
      .then((data) => live && setState({ data, error: null, loading: false }))
      .catch((e: Error) => live && setState((s) => ({ data: s.data, error: e.message, loading: false })))
    return () => {
      live = false
    }
    // `input` is compared through `key`: callers pass literals that are new objects every render.
  }, [method, key, n]) // eslint-disable-line react-hooks/exhaustive-deps
  return { ...state, reload }
}
