/** An orchestration's runtime status as a tag: words and colour. */
export function RuntimeStatus({ status }: { status: string }) {
  return <span className={`tag ${runtimeTone(status)}`}>{status}</span>;
}

function runtimeTone(status: string): string {
  if (status === 'Completed') return 'success';
  if (status === 'Failed' || status === 'Terminated') return 'danger';
  if (status === 'Suspended' || status === 'Pending') return 'warning';
  return 'info';
}
