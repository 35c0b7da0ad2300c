import type { ComponentType } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useMessages } from '../app-context.js';
import type { Messages } from '../i18n/messages.js';
import { Status } from './status.js';

/**
 * A panel whose code (and data) is loaded once it comes near the screen: below the fold on a phone,
 * nothing is fetched until the reader scrolls there. `name` becomes the placeholder's data-panel,
 * the same attribute the loaded panel carries.
 */
export function lazyPanel(
  name: string,
  load: () => Promise<ComponentType>,
  /** The message holding the panel's heading, shown while it loads. */
  title?: { [K in keyof Messages]: Messages[K] extends string ? K : never }[keyof Messages],
): ComponentType {
  let loaded: ComponentType | undefined;
  return function LazyPanel() {
    const [Panel, setPanel] = useState<ComponentType | undefined>(() => loaded);
    const [failed, setFailed] = useState(false);
    const t = useMessages();
    const el = useRef<HTMLElement>(null);
    useEffect(() => {
      if (Panel || !el.current) return;
      let alive = true;
      const io = new IntersectionObserver(
        (entries) => {
          if (!entries.some((e) => e.isIntersecting)) return;
          io.disconnect();
          load().then(
            (p) => {
              loaded = p;
              if (alive) setPanel(() => p);
            },
            () => alive && setFailed(true),
          );
        },
        { rootMargin: '100px 0px' },
      );
      io.observe(el.current);
      return () => {
        alive = false;
        io.disconnect();
      };
    }, [Panel]);
    if (Panel) return <Panel />;
    return (
      <section class="panel placeholder" data-panel={name} data-lazy ref={el}>
        {title && (
          <header class="panel-head">
            <h2>{t[title]}</h2>
          </header>
        )}
        <Status kind={failed ? 'error' : 'loading'} />
      </section>
    );
  };
}
