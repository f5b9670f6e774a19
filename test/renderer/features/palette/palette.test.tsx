import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { CommandPalette } from '../../../../renderer/src/features/palette/CommandPalette';
import { filterCommands, type Command } from '../../../../renderer/src/features/palette/commands';

afterEach(cleanup);
const cmd = (id: string, title: string, group: Command['group'] = 'Commands', run = vi.fn()): Command => ({ id, title, group, run });

describe('command palette', () => {
  it('filters by substring first, then by characters in order', () => {
    const list = [cmd('a', 'New thread'), cmd('b', 'Cancel the active run'), cmd('c', 'Theme: dark')];
    expect(filterCommands(list, 'thread').map((c) => c.id)).toEqual(['a']);
    expect(filterCommands(list, 'cnrun').map((c) => c.id)).toEqual(['b']);
    expect(filterCommands(list, '').map((c) => c.id)).toEqual(['a', 'b', 'c']);
  });

  it('runs the highlighted command with arrows and Enter, and closes', () => {
    const first = vi.fn();
    const second = vi.fn();
    const close = vi.fn();
    render(<CommandPalette commands={[cmd('a', 'New thread', 'Commands', first), cmd('b', 'New assistant', 'Commands', second)]} onClose={close} />);
    const input = screen.getByRole('textbox', { name: 'Command' });
    fireEvent.change(input, { target: { value: 'new' } });
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(second).toHaveBeenCalledOnce();
    expect(first).not.toHaveBeenCalled();
    expect(close).toHaveBeenCalled();
  });
});
