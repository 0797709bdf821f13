/**
 * Saves text as a file through a Blob and an `<a download>`: the frame needs `allow-downloads` in
 * its sandbox (Forge's Custom UI frame has it). Call it from a click: browsers only let a
 * sandboxed frame download on a user gesture.
 */
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.hidden = true;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Long enough for the browser to have read it, short enough not to keep large exports in memory.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
