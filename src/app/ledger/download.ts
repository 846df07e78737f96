/**
 * Saves text as a file from the page: a Blob and a temporary link, nothing sent anywhere (the
 * dashboard is offline). The CSV's BOM survives: a Blob stores the string as UTF-8 as it is.
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
  // Some browsers start the download after click() returns: revoke a little later.
  setTimeout(() => URL.revokeObjectURL(url), 5_000);
}
