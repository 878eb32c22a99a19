/** A labelled progress bar; without a known total it shows as busy. */
export function ProgressBar(props: { id: string; label: string; done: number; total: number }) {
  const { id, label, done, total } = props;
  return (
    <div class="field progress-field">
      <label for={id}>{label}</label>
      {total > 0 ? <progress id={id} max={total} value={Math.min(done, total)} /> : <progress id={id} />}
    </div>
  );
}
