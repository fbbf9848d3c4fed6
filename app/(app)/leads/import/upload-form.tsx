'use client';
import { useRouter } from 'next/navigation';
import { useRef, useState, type DragEvent } from 'react';
import { FileSpreadsheet, Upload } from 'lucide-react';
import { Alert, Button, Progress, cn } from '@/components/ui';

type TUploadState = { kind: 'idle' } | { kind: 'uploading'; percent: number } | { kind: 'reading' } | { kind: 'error'; message: string };

const mb = (n: number) => (n < 1_000_000 ? `${Math.max(1, Math.round(n / 1000))} KB` : `${(n / 1_000_000).toFixed(n < 10_000_000 ? 1 : 0)} MB`);

/**
 * Step 1: drop a file or pick one, then upload it (with progress) to the imports API (POST /api/v1/imports,
 * multipart — not a server action: files may be larger than a server action accepts); the server reads it
 * once and proposes a mapping, and the wizard continues on the import's own page.
 */
export function UploadForm({ maxBytes }: { maxBytes: number }) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [over, setOver] = useState(false);
  const [state, setState] = useState<TUploadState>({ kind: 'idle' });
  const busy = state.kind === 'uploading' || state.kind === 'reading';

  const choose = (f: File | undefined | null) => {
    if (!f) return;
    setFile(f);
    setState(f.size > maxBytes ? { kind: 'error', message: `${f.name} is ${mb(f.size)}; the limit is ${mb(maxBytes)}. Split it into smaller files.` } : { kind: 'idle' });
  };

  const onDrop = (e: DragEvent<HTMLLabelElement>) => {
    e.preventDefault();
    setOver(false);
    choose(e.dataTransfer.files[0]);
  };

  const upload = () => {
    if (!file) return setState({ kind: 'error', message: 'Choose a CSV or Excel (.xlsx) file first.' });
    if (file.size > maxBytes) return;
    const body = new FormData();
    body.append('file', file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/imports');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) setState(e.loaded >= e.total ? { kind: 'reading' } : { kind: 'uploading', percent: (100 * e.loaded) / e.total });
    };
    xhr.onerror = () => setState({ kind: 'error', message: 'The upload did not reach LeadPilot. Check your connection and try again.' });
    xhr.onload = () => {
      let body: { import?: { id: string }; warnings?: string[]; error?: { message: string } } = {};
      try {
        body = JSON.parse(xhr.responseText) as typeof body;
      } catch {
        /* not JSON: a proxy or the server failed */
      }
      const id = body.import?.id;
      if (xhr.status === 201 && id) {
        if (body.warnings?.length) sessionStorage.setItem(`leadpilot.import-warnings.${id}`, JSON.stringify(body.warnings));
        router.push(`/leads/imports/${id}`);
        return;
      }
      if (xhr.status === 401) return setState({ kind: 'error', message: 'Your session ended. Sign in again, then upload the file.' });
      setState({ kind: 'error', message: body.error?.message ?? `The upload failed (HTTP ${xhr.status}). Try again; if it keeps failing, try a smaller file.` });
    };
    setState({ kind: 'uploading', percent: 0 });
    xhr.send(body);
  };

  return (
    <div className="flex flex-col gap-4">
      <label
        htmlFor="import-file"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        className={cn(
          'flex cursor-pointer flex-col items-center justify-center gap-2 rounded-lg border-2 border-dashed px-6 py-12 text-center transition-colors',
          over ? 'border-primary bg-secondary/60' : 'hover:bg-muted/40',
          busy && 'pointer-events-none opacity-60',
        )}
        data-testid="dropzone"
      >
        {file ? <FileSpreadsheet className="h-8 w-8 text-primary" aria-hidden /> : <Upload className="h-8 w-8 text-muted-foreground" aria-hidden />}
        {file ? (
          <span className="text-sm">
            <span className="font-medium">{file.name}</span> <span className="text-muted-foreground">· {mb(file.size)}</span>
          </span>
        ) : (
          <span className="text-sm">
            <span className="font-medium text-primary">Choose a file</span> or drag it here
          </span>
        )}
        <span className="text-xs text-muted-foreground">CSV (any delimiter; UTF-8, UTF-16 or Windows-1252) or Excel .xlsx</span>
        <input
          id="import-file"
          ref={input}
          name="file"
          type="file"
          accept=".csv,.tsv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          className="sr-only"
          onChange={(e) => choose(e.target.files?.[0])}
          disabled={busy}
        />
      </label>

      {state.kind === 'uploading' ? (
        <div className="flex flex-col gap-1">
          <Progress value={state.percent} label="Upload progress" />
          <p className="text-xs text-muted-foreground">Uploading… {Math.floor(state.percent)}%</p>
        </div>
      ) : state.kind === 'reading' ? (
        <div className="flex flex-col gap-1">
          <Progress value={100} label="Upload progress" />
          <p className="text-xs text-muted-foreground">Uploaded. Reading the file and recognising its columns…</p>
        </div>
      ) : state.kind === 'error' ? (
        <Alert variant="error" data-testid="upload-error">{state.message}</Alert>
      ) : null}

      <div className="flex gap-2">
        <Button onClick={upload} disabled={!file || busy} aria-busy={busy}>
          {busy ? 'Uploading…' : 'Upload and continue'}
        </Button>
        {file && !busy ? (
          <Button
            variant="ghost"
            onClick={() => {
              setFile(null);
              setState({ kind: 'idle' });
              if (input.current) input.current.value = '';
            }}
          >
            Choose another file
          </Button>
        ) : null}
      </div>
    </div>
  );
}
