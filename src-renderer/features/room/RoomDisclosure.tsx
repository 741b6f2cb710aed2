import type { ReactNode } from 'react';
import type { useRoomReveal } from './room-mode';
import './room.css';

/**
 * What room mode hides, behind one button. In room mode the button says what it reveals and
 * carries `aria-expanded`; out of it there is no button and the content shows as always. The
 * container stays in the page either way, so `aria-controls` always names an element. Its content
 * leaves the page while collapsed, unless it holds something the officer may be typing
 * (`keepMounted`): then it is only hidden, and toggling loses nothing.
 */
export function RoomDisclosure({
  reveal,
  id,
  label,
  className,
  keepMounted = false,
  children,
}: {
  reveal: ReturnType<typeof useRoomReveal>;
  /** The container's id, for the button's `aria-controls`. */
  id: string;
  label: string;
  className?: string;
  keepMounted?: boolean;
  children: ReactNode;
}) {
  return (
    <>
      {reveal.hidden ? (
        <button
          type="button"
          className="room-reveal"
          aria-expanded={reveal.open}
          aria-controls={id}
          onClick={reveal.toggle}
        >
          {label}
        </button>
      ) : null}
      <div id={id} className={className ? `room-revealed ${className}` : 'room-revealed'} hidden={!reveal.open}>
        {reveal.open || keepMounted ? children : null}
      </div>
    </>
  );
}
