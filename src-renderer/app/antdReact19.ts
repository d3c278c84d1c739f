import { unstableSetRender } from 'antd';
import { createRoot, type Root } from 'react-dom/client';

const roots = new WeakMap<Element | DocumentFragment, Root>();

/**
 * antd 5 renders a few things outside the React tree (the click wave, static message/modal helpers)
 * with ReactDOM.render, which React 19 removed; antd's documented hook for React 19 is to give it a
 * createRoot-based render (what @ant-design/v5-patch-for-react-19 does, without the extra package).
 */
export function installAntdReact19Render(): void {
  unstableSetRender((node, container) => {
    let root = roots.get(container);
    if (root === undefined) {
      root = createRoot(container);
      roots.set(container, root);
    }
    root.render(node);
    return async () => {
      // Unmounting during React's own render pass warns; wait for it to finish first.
      await new Promise((resolve) => setTimeout(resolve, 0));
      root.unmount();
      roots.delete(container);
    };
  });
}
