import { memo } from 'react';
import type { Message } from '../../../../electron/contract/objects';
import { Markdown } from '../../components/Markdown';
import { LONG_TEXT_CHARS, LongText } from '../../components/LongText';
import { messageText } from '../../stores/selectors';

/** One message: the role, the rendered markdown, and why it stopped when it is incomplete. */
export const MessageBubble = memo(function MessageBubble({ message, streaming }: { message: Message; streaming?: boolean }) {
  const text = messageText(message);
  return (
    <article className={`msg msg-${message.role}`} data-message-id={message.id} data-role={message.role}>
      <div className="msg-role">{message.role === 'user' ? 'You' : 'Assistant'}</div>
      <div className={`msg-body${streaming ? ' streaming' : ''}`} aria-busy={streaming || undefined}>
        {text.length > LONG_TEXT_CHARS ? <LongText text={text} /> : text ? <Markdown text={text} /> : <span className="muted">{streaming ? '…' : '(empty)'}</span>}
        {message.status === 'incomplete' ? <div className="msg-incomplete">Stopped: {message.incomplete_details?.reason ?? 'incomplete'}</div> : null}
      </div>
    </article>
  );
});
