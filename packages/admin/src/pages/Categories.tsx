import { Alert, Card, Col, Descriptions, Empty, Row, Spin, Tag, Tree } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useCatalog } from '../useCatalog';

export function Categories() {
  const { catalog, error } = useCatalog();
  if (error) return <Alert type="error" showIcon title="分类加载失败" description={error} />;
  if (!catalog) return <Spin />;

  const tree: DataNode[] = catalog.categories.map((c) => ({
    key: c.id,
    title: `${c.name}（${c.children.length}）`,
    children: c.children.map((ch) => ({ key: ch.id, title: ch.name, isLeaf: true })),
  }));

  return (
    <Row gutter={16}>
      <Col xs={24} lg={12}>
        <Card title="分类（一级标签 / 二级标签）" extra={<Tag>只读</Tag>}>
          {tree.length ? <Tree treeData={tree} defaultExpandAll selectable={false} showLine /> : <Empty />}
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title={`校区：${catalog.campus.name}`}>
          <Descriptions column={1} size="small">
            <Descriptions.Item label="交易地点">
              {catalog.campus.areas.map((a) => (
                <Tag key={a.id}>{a.name}</Tag>
              ))}
            </Descriptions.Item>
            <Descriptions.Item label="成色">
              {catalog.conditions.map((c) => (
                <Tag key={c.value}>{c.label}</Tag>
              ))}
            </Descriptions.Item>
            <Descriptions.Item label="交易方式">
              {catalog.tradeMethods.map((m) => (
                <Tag key={m.value}>{m.label}</Tag>
              ))}
            </Descriptions.Item>
            <Descriptions.Item label="类型">
              {catalog.kinds.map((k) => (
                <Tag key={k.value}>{k.label}</Tag>
              ))}
            </Descriptions.Item>
          </Descriptions>
        </Card>
      </Col>
    </Row>
  );
}
