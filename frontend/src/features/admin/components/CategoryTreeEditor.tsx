import { DndContext, type DragEndEvent, KeyboardSensor, PointerSensor, closestCenter, useSensor, useSensors } from "@dnd-kit/core";
import { SortableContext, sortableKeyboardCoordinates, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { useState } from "react";
import { Alert } from "@/components/Alert";
import { useTranslation } from "react-i18next";
import { useCreateCategory, useDeleteCategory, useUpdateCategory } from "../api/categories";
import { type TreeNode, findNode, lastPosition, moveTargets, reorderSiblings, siblingsOf } from "../lib/category-tree";
import { type CategoryActions, CategoryRow, type Feedback } from "./CategoryRow";
import { useErrorText } from "./use-error-text";

const TOP = "__top__";

/**
 * The category tree, edited in place: drag a handle (mouse, touch, or Space and the arrow keys)
 * to reorder siblings, or use the move up/down buttons and "Move into" to change the parent.
 */
export function CategoryTreeEditor({ tree }: { tree: readonly TreeNode[] }) {
  const { t } = useTranslation("admin");
  const errorText = useErrorText();
  const create = useCreateCategory();
  const update = useUpdateCategory();
  const remove = useDeleteCategory();
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const busy = create.isPending || update.isPending || remove.isPending;
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  /** The outcome is shown under the category acted on, where the person is looking. */
  const run = async (nodeId: string, work: () => Promise<unknown>, message: string, doneAt = nodeId) => {
    setFeedback(null);
    try {
      await work();
      setFeedback({ nodeId: doneAt, tone: "success", text: message });
    } catch (error) {
      setFeedback({ nodeId, tone: "error", text: errorText(error) });
    }
  };

  const reorder = (node: TreeNode, parentId: string | null, from: number, to: number) => {
    const changes = reorderSiblings(siblingsOf(tree, parentId), from, to);
    if (changes.length === 0) return;
    void run(node.id, async () => {
      for (const change of changes) await update.mutateAsync({ id: change.id, body: { position: change.position } });
    }, t("categories.moved", { name: node.name, position: to + 1 }));
  };

  const actions: CategoryActions = {
    busy,
    move: (node, parentId, index, by) => reorder(node, parentId, index, index + by),
    moveInto: (node, parentId) => {
      const parentName = parentId ? (findNode(tree, parentId)?.name ?? "") : t("categories.top");
      void run(
        node.id,
        () => update.mutateAsync({ id: node.id, body: { parent_id: parentId, position: lastPosition(siblingsOf(tree, parentId)) } }),
        t("categories.movedInto", { name: node.name, parent: parentName }),
      );
    },
    rename: (node, name) => void run(node.id, () => update.mutateAsync({ id: node.id, body: { name } }), t("categories.renamed", { name })),
    addChild: (parent, name) =>
      void run(
        parent.id,
        () => create.mutateAsync({ name, parent_id: parent.id, position: lastPosition(parent.children) }),
        t("categories.added", { name }),
      ),
    remove: (node, parentId) =>
      void run(node.id, () => remove.mutateAsync(node.id), t("categories.deleted", { name: node.name }), parentId ?? TOP),
    targets: (node) => moveTargets(tree, node.id),
    feedbackFor: (node) => (feedback?.nodeId === node.id ? feedback : null),
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const parentId = (active.data.current?.parentId as string | null | undefined) ?? null;
    const overParent = (over.data.current?.parentId as string | null | undefined) ?? null;
    if (parentId !== overParent) return;
    const siblings = siblingsOf(tree, parentId);
    const from = siblings.findIndex((node) => node.id === active.id);
    const to = siblings.findIndex((node) => node.id === over.id);
    const moving = siblings[from];
    if (moving && to >= 0) reorder(moving, parentId, from, to);
  };

  const level = (nodes: readonly TreeNode[], parentId: string | null, depth: number) => (
    <SortableContext items={nodes.map((node) => node.id)} strategy={verticalListSortingStrategy}>
      <ul className={`flex flex-col gap-1 ${depth > 0 ? "ml-2 mt-1 border-l-2 border-stone-200 pl-2 sm:ml-8" : ""}`}>
        {nodes.map((node, index) => (
          <CategoryRow key={node.id} node={node} parentId={parentId} index={index} siblingCount={nodes.length} actions={actions}>
            {node.children.length > 0 ? level(node.children, node.id, depth + 1) : null}
          </CategoryRow>
        ))}
      </ul>
    </SortableContext>
  );

  return (
    <div className="flex flex-col gap-3">
      {feedback?.nodeId === TOP ? <Alert tone={feedback.tone}>{feedback.text}</Alert> : null}
      <DndContext
        sensors={sensors}
        collisionDetection={closestCenter}
        onDragEnd={onDragEnd}
        accessibility={{
          screenReaderInstructions: { draggable: t("categories.dragInstructions") },
        }}
      >
        {level(tree, null, 0)}
      </DndContext>
    </div>
  );
}
