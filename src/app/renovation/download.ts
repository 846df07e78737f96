/**
 * Saves text as a file from the page: a Blob and a temporary link, nothing sent anywhere (the
 * dashboard is offline). The text's BOM survives: Blob encodes strings as UTF-8 as they are.
 */
export function downloadText(fileName: string, text: string, mime: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked a little later: some browsers start the download after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 5_000);
}
