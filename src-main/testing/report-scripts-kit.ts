/**
 * Reports in every script (test-only): clients, resources and summaries in Japanese, Chinese, Korean, Cyrillic,
 * Greek, Arabic, Hebrew and accented Latin, plus emoji — and the words a reader must find in each, in logical
 * order. Right-to-left phrases are checked as whole phrases (their words in reading order); mixed-direction
 * strings are checked word by word, since where a viewer puts an embedded left-to-right run is its own choice.
 */
import type { IncidentReportInput, ReportAlertInput } from '../report/types'
import { alerts, incident, MIN, reportInput, T0, timeline } from './report-kit'

export interface ScriptCase {
  script: string
  client: { id: string; name: string }
  resource: string
  summary: string
  title: string
}

export const SCRIPT_CASES: ScriptCase[] = [
  { script: 'Japanese', client: { id: 'tokyo-data', name: '東京データ株式会社' }, resource: '東京-db01', summary: 'データベースの応答が遅延しています', title: '東京のデータベース障害' },
  { script: 'Chinese', client: { id: 'beijing-net', name: '北京网络科技有限公司' }, resource: '北京-web02', summary: '数据库服务器无响应', title: '数据库连接超时' },
  { script: 'Korean', client: { id: 'seoul-cloud', name: '서울클라우드' }, resource: '서울-lb03', summary: '서울 데이터센터 서버 장애', title: '로드밸런서 응답 없음' },
  { script: 'Cyrillic', client: { id: 'moskva-bank', name: 'Московский Банк' }, resource: 'москва-app04', summary: 'Сервер базы данных не отвечает', title: 'Отказ хранилища данных' },
  { script: 'Greek', client: { id: 'athina-net', name: 'Ελληνικά Δίκτυα' }, resource: 'αθήνα-fw05', summary: 'Ο διακομιστής δεν αποκρίνεται', title: 'Διακοπή δικτύου στην Αθήνα' },
  { script: 'Arabic', client: { id: 'gulf-telecom', name: 'شركة الخليج للاتصالات' }, resource: 'خادم-الرياض', summary: 'خادم قاعدة البيانات لا يستجيب', title: 'انقطاع الشبكة في جدة' },
  { script: 'Hebrew', client: { id: 'israel-net', name: 'רשת ישראל' }, resource: 'שרת-חיפה', summary: 'השרת לא מגיב לבקשות', title: 'תקלה במסד הנתונים' },
  { script: 'Latin', client: { id: 'zurich-sa', name: 'Société Générale Zürich' }, resource: 'łódź-app07', summary: 'Überlastung der Datenbank, réponse très lente', title: 'Škoda: služba nedostupná' },
]

/** A whole phrase must be found as it reads; RTL phrases count, LTR/RTL mixtures are checked per word. */
export const PHRASES = (c: ScriptCase): string[] => [c.client.name, c.summary, c.title, ...(/[\u0590-\u08ff]/.test(c.resource) ? [] : [c.resource])]
export const WORDS = (c: ScriptCase): string[] => [c.client.name, c.resource, c.summary, c.title].flatMap((s) => s.split(/[\s,]+|-/)).filter(Boolean)

export const EMOJI = '🔥 disk full on 👩‍💻 host 🇯🇵'

/** An incident report of the case: its client, a member alert on its resource with its summary, a note in it. */
export const scriptReportInput = (c: ScriptCase): IncidentReportInput => {
  const [root, ...rest]: ReportAlertInput[] = alerts()
  return reportInput({
    client: { id: c.client.id, name: c.client.name, tier: 'gold', timeZone: 'Asia/Tokyo' },
    incident: incident({ client: c.client.id, title: c.title, resource: c.resource, cause: c.summary }),
    alerts: [{ ...root, resource: c.resource, summary: c.summary }, ...rest],
    timeline: [...timeline(), { id: 99, incidentId: 'INC-1042', at: T0 + 95 * MIN, actor: 'alice', kind: 'note', text: `${c.summary} ${EMOJI}`, data: null }],
  })
}

/** Bidi controls poppler wraps around lines it reordered (LRE, RLE, PDF, LRO, RLO). */
export const stripBidiControls = (s: string): string => s.replace(/[\u202a-\u202e\u2066-\u2069\u200e\u200f]/g, '')
