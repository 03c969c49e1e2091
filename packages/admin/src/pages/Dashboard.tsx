import { useEffect, useState } from 'react'
import { Alert, Card, Col, Result, Row, Spin, Statistic } from 'antd'
import { api, ApiError } from '../api/client'
import type { AdminStats } from '../api/types'
import { KIND_LABEL, STATUS_META } from '../lib/format'

type State = { kind: 'loading' } | { kind: 'ready'; stats: AdminStats } | { kind: 'unavailable' } | { kind: 'error'; message: string }

const GROUP_TITLE: Record<string, string> = {
  listingsByStatus: '商品（按状态）',
  listingsByKind: '商品（按类型）',
  byStatus: '商品（按状态）',
  byKind: '商品（按类型）',
}

function label(key: string): string {
  return (
    STATUS_META[key as keyof typeof STATUS_META]?.label ??
    KIND_LABEL[key as keyof typeof KIND_LABEL] ??
    ({ users: '用户', listings: '商品', comments: '留言', reports: '举报' } as Record<string, string>)[key] ??
    key
  )
}

export function Dashboard() {
  const [state, setState] = useState<State>({ kind: 'loading' })

  useEffect(() => {
    let alive = true
    api.stats().then(
      (stats) => alive && setState({ kind: 'ready', stats }),
      (e: unknown) => {
        if (!alive) return
        // No admin routes or no admin session yet: both mean "not open yet", not an outage.
        if (e instanceof ApiError && [401, 403, 404].includes(e.status)) setState({ kind: 'unavailable' })
        else setState({ kind: 'error', message: (e as Error).message })
      },
    )
    return () => {
      alive = false
    }
  }, [])

  if (state.kind === 'loading') return <Spin />
  if (state.kind === 'unavailable')
    return <Result status="info" title="管理员登录将在身份认证上线后开放" subTitle="上线后这里会显示商品、用户和举报的统计。" />
  if (state.kind === 'error') return <Alert type="error" showIcon title="统计加载失败" description={state.message} />

  const scalars = Object.entries(state.stats).filter((e): e is [string, number] => typeof e[1] === 'number')
  const groups = Object.entries(state.stats).filter(
    (e): e is [string, Record<string, number>] => typeof e[1] === 'object' && e[1] !== null,
  )
  return (
    <div data-testid="stats">
      {scalars.length > 0 && (
        <Row gutter={16} style={{ marginBottom: 16 }}>
          {scalars.map(([k, v]) => (
            <Col key={k} xs={12} md={6}>
              <Card>
                <Statistic title={label(k)} value={v} />
              </Card>
            </Col>
          ))}
        </Row>
      )}
      {groups.map(([group, counts]) => (
        <Card key={group} title={GROUP_TITLE[group] ?? group} style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            {Object.entries(counts).map(([k, v]) => (
              <Col key={k} xs={12} md={4}>
                <Statistic title={label(k)} value={v} />
              </Col>
            ))}
          </Row>
        </Card>
      ))}
    </div>
  )
}
