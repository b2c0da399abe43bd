/** A category as the tree editor handles it: its place is its parent and its position among siblings. */
export interface TreeNode {
  id: string;
  name: string;
  position: number;
  children: TreeNode[];
}

export interface PlacedNode {
  id: string;
  name: string;
  depth: number;
  parentId: string | null;
  /** The node's index among its siblings. */
  index: number;
  siblingCount: number;
}

/** The tree depth-first, in the order the API gives (position, then name). */
export function flattenTree(nodes: readonly TreeNode[], depth = 0, parentId: string | null = null): PlacedNode[] {
  return nodes.flatMap((node, index) => [
    { id: node.id, name: node.name, depth, parentId, index, siblingCount: nodes.length },
    ...flattenTree(node.children, depth + 1, node.id),
  ]);
}

export function siblingsOf(nodes: readonly TreeNode[], parentId: string | null): readonly TreeNode[] {
  if (parentId === null) return nodes;
  for (const node of nodes) {
    if (node.id === parentId) return node.children;
    const found = findNode(node.children, parentId);
    if (found) return found.children;
  }
  return [];
}

export function findNode(nodes: readonly TreeNode[], id: string): TreeNode | null {
  for (const node of nodes) {
    if (node.id === id) return node;
    const found = findNode(node.children, id);
    if (found) return found;
  }
  return null;
}

export interface PositionChange {
  id: string;
  position: number;
}

/**
 * The positions to send when the sibling at `from` moves to `to`: siblings are numbered 0, 1, 2...
 * in their new order and only those whose number changes are sent.
 */
export function reorderSiblings(siblings: readonly TreeNode[], from: number, to: number): PositionChange[] {
  if (from === to || from < 0 || to < 0 || from >= siblings.length || to >= siblings.length) return [];
  const order = [...siblings];
  const [moved] = order.splice(from, 1);
  if (!moved) return [];
  order.splice(to, 0, moved);
  return order
    .map((node, index) => ({ id: node.id, position: index }))
    .filter((change) => order.find((node) => node.id === change.id)?.position !== change.position);
}

/** The categories a node may move into: any but itself and its own descendants (that would be a loop). */
export function moveTargets(nodes: readonly TreeNode[], id: string): PlacedNode[] {
  const moving = findNode(nodes, id);
  const excluded = new Set(moving ? flattenTree([moving]).map((node) => node.id) : [id]);
  return flattenTree(nodes).filter((node) => !excluded.has(node.id));
}

/** A moved category goes last among its new siblings. */
export function lastPosition(siblings: readonly TreeNode[]): number {
  return siblings.reduce((highest, node) => Math.max(highest, node.position + 1), 0);
}
