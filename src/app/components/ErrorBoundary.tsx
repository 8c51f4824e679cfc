import { Component, type ReactNode } from 'react';
import { errorMessage } from '../../engine/errorMessage.ts';
import { Link } from './Link.tsx';
import { Notice } from './Notice.tsx';

interface Props {
  /** What is shown inside, for the message: "This title's page". */
  what: string;
  /** A new value (the next route) tries again: a failure belongs to one screen, not to the session. */
  resetKey: unknown;
  children: ReactNode;
}

/**
 * A render error inside stays inside: without a boundary React unmounts the whole app and
 * leaves a blank page. Says what failed and offers a way on, while the header, the loading
 * strip and the navigation around it keep working.
 */
export class ErrorBoundary extends Component<Props, { error: string | null; resetKey: unknown }> {
  state = { error: null as string | null, resetKey: this.props.resetKey };

  static getDerivedStateFromProps(props: Props, state: { resetKey: unknown }) {
    return props.resetKey === state.resetKey ? null : { error: null, resetKey: props.resetKey };
  }

  static getDerivedStateFromError(err: unknown) {
    return { error: errorMessage(err) };
  }

  render() {
    if (this.state.error === null) return this.props.children;
    return (
      <Notice tone="error" title={`${this.props.what} could not be shown`}>
        <p>
          It failed with: <bdi>{this.state.error}</bdi>.
        </p>
        <p className="mt-2 flex flex-wrap gap-4">
          <Link to={{ page: 'home' }} className="underline">
            Search for a title
          </Link>
          <Link to={{ page: 'list' }} className="underline">
            My list
          </Link>
          <button type="button" className="underline" onClick={() => location.reload()}>
            Reload the page
          </button>
        </p>
      </Notice>
    );
  }
}
