import { InboxOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { useT } from '../../i18n/useT.ts';
import { findDesktopBridge } from '../../api/ipcTransport.ts';
import { dropImportOf } from './desktopDrop.ts';
import { carriesFiles, filesOfDrop } from './droppedFiles.ts';
import { useImportQueueStore } from './importQueueStore.ts';

/** The attribute that makes an element a drop target for one customer (a row of the customers table, a customer page). */
export const DROP_CUSTOMER_ATTRIBUTE = 'data-drop-customer';

/** The customer an element under the pointer stands for, if any. */
function customerAt(target: EventTarget | null): { id: string; element: Element } | null {
  const element = target instanceof Element ? target.closest(`[${DROP_CUSTOMER_ATTRIBUTE}]`) : null;
  const id = element?.getAttribute(DROP_CUSTOMER_ATTRIBUTE);
  return element && id ? { id, element } : null;
}

/**
 * Files or folders dropped anywhere on the window are imported; dropped onto a customer, they are linked
 * to that customer. While files are dragged over the window a hint covers it (it lets the pointer through,
 * so the customer under it is still found) and the customer under the pointer is highlighted.
 */
export function DropImportLayer() {
  const t = useT();
  const enqueue = useImportQueueStore((state) => state.enqueue);
  const [dragging, setDragging] = useState(false);
  const [overCustomer, setOverCustomer] = useState(false);

  useEffect(() => {
    let depth = 0;
    let highlighted: Element | null = null;
    const highlight = (element: Element | null) => {
      if (highlighted === element) return;
      highlighted?.classList.remove('drop-customer-active');
      element?.classList.add('drop-customer-active');
      highlighted = element;
      setOverCustomer(element !== null);
    };
    const onEnter = (event: DragEvent) => {
      if (!carriesFiles(event.dataTransfer)) return;
      depth += 1;
      setDragging(true);
    };
    const onOver = (event: DragEvent) => {
      if (!carriesFiles(event.dataTransfer)) return;
      event.preventDefault(); // without it the browser opens the file instead of dropping it here
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
      highlight(customerAt(event.target)?.element ?? null);
    };
    const onLeave = (event: DragEvent) => {
      if (!carriesFiles(event.dataTransfer)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) {
        setDragging(false);
        highlight(null);
      }
    };
    const onDrop = (event: DragEvent) => {
      if (!carriesFiles(event.dataTransfer) || event.dataTransfer === null) return;
      event.preventDefault();
      depth = 0;
      setDragging(false);
      highlight(null);
      const customer = customerAt(event.target);
      // In Electron, by path (the backend reads the files and walks folders); in a browser, by bytes.
      const bridge = findDesktopBridge(window);
      const plan = dropImportOf(Array.from(event.dataTransfer.files), bridge ? (file) => bridge.pathForFile(file) : undefined);
      if (plan.kind === 'paths') useImportQueueStore.getState().enqueuePaths(plan.paths, customer?.id ?? null);
      else void filesOfDrop(event.dataTransfer).then((files) => enqueue(files, customer?.id ?? null));
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
      highlight(null);
    };
  }, [enqueue]);

  if (!dragging) return null;
  return (
    <div className="drop-layer" aria-hidden>
      <div className="drop-layer-hint">
        <InboxOutlined className="drop-layer-icon" />
        <div>{overCustomer ? t('ui.import.dropOnCustomer') : t('ui.import.dropHere')}</div>
      </div>
    </div>
  );
}
